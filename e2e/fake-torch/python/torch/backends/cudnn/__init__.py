# torch.backends.cudnn: the version comes from the cuDNN library file actually present at import.
import torch as _torch
from ... import _fake_sim

enabled = True
benchmark = False
deterministic = False
allow_tf32 = True


def is_available():
    return bool(_fake_sim.MANIFEST.get('cuda'))


def version():
    if not is_available():
        return None
    return _fake_sim.cudnn_int(_torch._CUDNN_VERSION)


def is_acceptable(tensor):
    return enabled and is_available() and tensor.is_cuda
