# The few private torch._C entry points tools read (driver/compiled CUDA versions as integers).
from . import _fake_sim


def _cuda_getDriverVersion():
    state = _fake_sim.CudaState(_fake_sim.load_machine())
    return state.driver_int or 0


def _cuda_getCompiledVersion():
    cuda = _fake_sim.MANIFEST.get('cuda')
    if not cuda:
        return 0
    major, minor = (int(p) for p in cuda.split('.')[:2])
    return major * 1000 + minor * 10


_GLIBCXX_USE_CXX11_ABI = False
has_cuda = bool(_fake_sim.MANIFEST.get('cuda'))
has_cudnn = has_cuda
