# torch.nn for the fake torch: only functional.
from . import functional  # noqa: F401
