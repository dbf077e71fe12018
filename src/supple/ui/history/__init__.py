"""The history's screens and widgets: the review screen, Home's summary strip, the check-in
and check-out questions, and the banner for history problems.

The app builds these around its ``HistoryRecorder`` and places them: the review screen
as a page of the window, the summary in Home's history slot, the check-in as the
window's check-in page, the check-out in the summary's extras slot.
"""

from supple.ui.history.check_in import TightnessCheckIn
from supple.ui.history.check_out import CheckOutPanel
from supple.ui.history.dialogs import ConfirmDialog, ResumeDialog, SelfTestDialog
from supple.ui.history.home_summary import HomeHistorySummary
from supple.ui.history.notices import HistoryNotices
from supple.ui.history.review_screen import ReviewScreen
from supple.ui.history.tightness import TightnessScale

__all__ = [
    "CheckOutPanel",
    "ConfirmDialog",
    "HistoryNotices",
    "HomeHistorySummary",
    "ResumeDialog",
    "ReviewScreen",
    "SelfTestDialog",
    "TightnessCheckIn",
    "TightnessScale",
]
