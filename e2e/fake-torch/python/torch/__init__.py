# Fake torch for TorchLift's simulated machines (e2e/fake-torch). Imports like real torch: the CUDA/cuDNN
# libraries of the build are "loaded" from disk first, so a missing or mismatched DLL fails the import.
from . import _fake_sim
from .version import __version__  # noqa: F401

_CUDNN_VERSION = _fake_sim.check_libraries()

from . import version  # noqa: E402,F401
from ._tensor import (  # noqa: E402,F401
    Tensor, bfloat16, device, dtype, float, float16, float32, float64, half, inference_mode, int64,
    manual_seed, matmul, no_grad, ones, randn, tensor, zeros,
)
from . import _C  # noqa: E402,F401
from . import cuda  # noqa: E402,F401
from . import backends  # noqa: E402,F401
from . import nn  # noqa: E402,F401

Size = tuple


def is_tensor(obj):
    return isinstance(obj, Tensor)
