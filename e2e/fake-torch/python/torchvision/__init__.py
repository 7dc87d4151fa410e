# Fake torchvision: version only (like real torchvision, it imports torch first).
import torch  # noqa: F401

from .version import __version__  # noqa: F401
