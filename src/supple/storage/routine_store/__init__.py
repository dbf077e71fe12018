"""The user's own routines on disk: save, delete, copy, and share them as bundles.

Three concerns, one module each: ``files`` (the routine files themselves), ``pictures``
(the pictures of a routine's own exercises) and ``bundles`` (export and import), on top
of ``folder`` (file names, free ids and names, writing with a readable error). Every
write is atomic (``supple.core.atomic_file``), and anything coming from outside is
checked completely before a single byte is copied.

The names below are what the rest of the app uses, so callers say
``routine_store.save_routine`` without knowing which module holds it.
"""

from supple.storage.routine_store.bundles import (
    BUNDLE_ROUTINE,
    BUNDLE_SUFFIX,
    MAX_BUNDLE_BYTES,
    MAX_ROUTINE_BYTES,
    ImportResult,
    export_bundle,
    import_routine,
)
from supple.storage.routine_store.files import (
    delete_routine,
    duplicate_routine,
    new_routine,
    routine_file_for,
    save_routine,
)
from supple.storage.routine_store.folder import (
    RoutineStoreError,
    available_id,
    routine_path,
    slugify,
    taken_ids,
)
from supple.storage.routine_store.pictures import (
    MAX_PICTURE_BYTES,
    PICTURE_SUFFIXES,
    check_picture,
    find_picture,
    pictures_dir,
)

__all__ = [
    "BUNDLE_ROUTINE",
    "BUNDLE_SUFFIX",
    "MAX_BUNDLE_BYTES",
    "MAX_PICTURE_BYTES",
    "MAX_ROUTINE_BYTES",
    "PICTURE_SUFFIXES",
    "ImportResult",
    "RoutineStoreError",
    "available_id",
    "check_picture",
    "delete_routine",
    "duplicate_routine",
    "export_bundle",
    "find_picture",
    "import_routine",
    "new_routine",
    "pictures_dir",
    "routine_file_for",
    "routine_path",
    "save_routine",
    "slugify",
    "taken_ids",
]
