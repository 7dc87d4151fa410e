# torch.cuda for the fake torch: availability computed from the simulated machine and the build.
import warnings as _warnings

from .. import _fake_sim
from .._tensor import device as _device

_state = None
_initialized = False
_warned_arch = False


class _DeviceProperties(object):
    def __init__(self, gpu):
        self.name = gpu['name']
        self.major, self.minor = (int(p) for p in gpu['cc'].split('.'))
        self.total_memory = int(gpu.get('memoryTotalMiB', 0)) * 1024 * 1024
        self.multi_processor_count = int(gpu.get('smCount', 46))

    def __repr__(self):
        return "_CudaDeviceProperties(name='%s', major=%d, minor=%d, total_memory=%dMB, multi_processor_count=%d)" % (
            self.name, self.major, self.minor, self.total_memory // (1024 * 1024), self.multi_processor_count)


def _get_state():
    global _state
    if _state is None:
        _state = _fake_sim.CudaState(_fake_sim.load_machine())
    return _state


def _check_arch():
    """The real torch/cuda/__init__.py _check_cubins / _check_capability warnings."""
    global _warned_arch
    if _warned_arch:
        return
    _warned_arch = True
    arch_list = _fake_sim.MANIFEST.get('archList', [])
    supported = [int(a.split('_')[1]) for a in arch_list if a.startswith('sm_')]
    if not supported:
        return
    for idx, gpu in enumerate(_get_state().gpus):
        major, minor = (int(p) for p in gpu['cc'].split('.'))
        cap = major * 10 + minor
        if cap < min(supported):
            _warnings.warn(
                '\n    Found GPU%d %s which is of cuda capability %d.%d.\n'
                '    PyTorch no longer supports this GPU because it is too old.\n'
                '    The minimum cuda capability supported by this library is %d.%d.\n'
                % (idx, gpu['name'], major, minor, min(supported) // 10, min(supported) % 10))
        elif not any(sm // 10 == major for sm in supported):
            _warnings.warn(
                '\n%s with CUDA capability sm_%d is not compatible with the current PyTorch installation.\n'
                'The current PyTorch install supports CUDA capabilities %s.\n'
                'If you want to use the %s GPU with PyTorch, please check the instructions at '
                'https://pytorch.org/get-started/locally/\n' % (gpu['name'], cap, ' '.join(arch_list), gpu['name']))


def is_available():
    state = _get_state()
    if state.reason == 'cpu-build':
        return False
    message = state.init_message()
    if message is not None and state.reason != 'no-device':
        _warnings.warn('CUDA initialization: ' + message + state.triggered_suffix(), UserWarning, stacklevel=2)
    if state.available:
        _check_arch()
    return state.available


def is_initialized():
    return _initialized


def _lazy_init():
    global _initialized
    if _initialized:
        return
    state = _get_state()
    if state.reason == 'cpu-build':
        raise AssertionError('Torch not compiled with CUDA enabled')
    if state.reason is not None:
        raise RuntimeError(state.init_message())
    _check_arch()
    _initialized = True


init = _lazy_init


def device_count():
    state = _get_state()
    return len(state.gpus) if state.available else 0


def current_device():
    _lazy_init()
    return 0


def set_device(_device_index):
    _lazy_init()


def _gpu(index):
    _lazy_init()
    if isinstance(index, _device):
        index = index.index or 0
    index = 0 if index is None else int(index)
    gpus = _get_state().gpus
    if index < 0 or index >= len(gpus):
        raise AssertionError('Invalid device id')
    return gpus[index]


def get_device_name(device=None):
    return _gpu(device)['name']


def get_device_capability(device=None):
    major, minor = (int(p) for p in _gpu(device)['cc'].split('.'))
    return (major, minor)


def get_device_properties(device=None):
    return _DeviceProperties(_gpu(device))


def get_arch_list():
    if not is_available():
        return []
    return list(_fake_sim.MANIFEST.get('archList', []))


def synchronize(device=None):
    _lazy_init()


def empty_cache():
    pass


def mem_get_info(device=None):
    gpu = _gpu(device)
    total = int(gpu.get('memoryTotalMiB', 0)) * 1024 * 1024
    return (total - int(gpu.get('memoryUsedMiB', 0)) * 1024 * 1024, total)


class Event(object):
    def __init__(self, enable_timing=False):
        import time
        self._time = time
        self._t = None

    def record(self, stream=None):
        _lazy_init()
        self._t = self._time.perf_counter()

    def synchronize(self):
        pass

    def elapsed_time(self, end):
        return (end._t - self._t) * 1000.0
