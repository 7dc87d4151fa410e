# torch.backends for the fake torch.
from . import cudnn  # noqa: F401
