# The simulated machine behind the fake torch: what the GPU/driver is (from TORCHLIFT_SIM_MACHINE) and
# whether the CUDA/cuDNN libraries the build needs are really present and consistent (read from disk at import).
# Python 3.7+ compatible. This is test scaffolding for TorchLift, not a torch implementation.
import json
import os

_HERE = os.path.dirname(os.path.abspath(__file__))
_SITE = os.path.dirname(_HERE)


def _read_json(path):
    with open(path, 'r', encoding='utf-8') as f:
        return json.load(f)


MANIFEST = _read_json(os.path.join(_HERE, '_fake_manifest.json'))
WINDOWS = MANIFEST.get('platform') == 'windows'


def load_machine():
    """The machine description, or a machine with no NVIDIA driver when none is configured."""
    path = os.environ.get('TORCHLIFT_SIM_MACHINE')
    if not path or not os.path.isfile(path):
        return {'gpus': [], 'driver': None}
    try:
        return _read_json(path)
    except (OSError, ValueError):
        return {'gpus': [], 'driver': None}


def _display_path(path):
    return path.replace('/', '\\') if WINDOWS else path


def _load_error(lib_path, reason):
    name = os.path.basename(lib_path)
    if WINDOWS:
        err = OSError('[WinError 126] The specified module could not be found. Error loading "%s" or one of its dependencies.'
                      % _display_path(lib_path))
        err.winerror = 126
        return err
    return ImportError('%s: cannot open shared object file: %s' % (name, reason))


def _read_fake_header(path):
    """('component', 'version', extra-tags) from the first line of a FAKE-LIB file, or None."""
    try:
        with open(path, 'rb') as f:
            first = f.readline(256).decode('ascii', 'replace').strip()
    except OSError:
        return None
    parts = first.split()
    if len(parts) < 3 or parts[0] != 'FAKE-LIB':
        return None
    return parts[1], parts[2], parts[3:]


def _major(version):
    try:
        return int(version.split('.')[0])
    except ValueError:
        return -1


def check_libraries():
    """Load every library the build needs, in file-name order like torch's DLL preloader.

    Returns the cuDNN version string (e.g. '8.7.0') or None; raises like a failed DLL load otherwise.
    """
    libs = sorted(MANIFEST.get('libs', []), key=lambda lib: os.path.basename(lib['rel']).lower())
    cuda_major = _major(MANIFEST['cuda']) if MANIFEST.get('cuda') else None
    cudnn_version = None
    main_rel = MANIFEST.get('cudnnMain')
    if main_rel:
        header = _read_fake_header(os.path.join(_SITE, main_rel))
        if header is not None and header[0] == 'cudnn':
            cudnn_version = header[1]
    for lib in libs:
        path = os.path.join(_SITE, lib['rel'])
        if not os.path.isfile(path):
            raise _load_error(path, 'No such file or directory')
        header = _read_fake_header(path)
        if header is None:
            raise _load_error(path, 'invalid ELF header')
        component, version, tags = header
        if component != lib['component'] or _major(version) != lib['major']:
            raise _load_error(path, 'wrong version')
        built_for = [t for t in tags if t.startswith('cuda')]
        if built_for and cuda_major is not None and built_for[0] != 'cuda%d' % cuda_major:
            raise _load_error(path, 'needs a different CUDA runtime')
        if component == 'cudnn' and cudnn_version is not None and version != cudnn_version:
            raise _load_error(path, 'mixed cuDNN versions')
    return cudnn_version


def cudnn_int(version):
    """torch.backends.cudnn.version(): 8.7.0 -> 8700, 9.1.0 -> 90100."""
    if not version:
        return None
    parts = [int(p) for p in (version.split('.') + ['0', '0'])[:3]]
    if parts[0] >= 9:
        return parts[0] * 10000 + parts[1] * 100 + parts[2]
    return parts[0] * 1000 + parts[1] * 100 + parts[2]


def _version_tuple(text):
    return tuple(int(p) for p in text.split('.')[:2])


class CudaState(object):
    """Why CUDA is or is not usable, computed once from the machine and the build."""

    def __init__(self, machine):
        self.machine = machine
        driver = machine.get('driver')
        gpus = machine.get('gpus') or []
        self.gpus = gpus
        self.driver_int = None
        self.reason = None  # None = usable; otherwise 'cpu-build' | 'no-driver' | 'driver-too-old' | 'no-device'
        if not MANIFEST.get('cuda'):
            self.reason = 'cpu-build'
        elif driver is None or driver.get('state', 'ok') != 'ok':
            self.reason = 'no-driver'
        else:
            major, minor = _version_tuple(driver['maxCuda'])
            self.driver_int = major * 1000 + minor * 10
            if (major, minor) < _version_tuple(MANIFEST['cuda']):
                self.reason = 'driver-too-old'
            elif not gpus:
                self.reason = 'no-device'

    @property
    def available(self):
        return self.reason is None

    def init_message(self):
        if self.reason == 'no-driver':
            return ('Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed '
                    'a driver from http://www.nvidia.com/Download/index.aspx')
        if self.reason == 'driver-too-old':
            return ('The NVIDIA driver on your system is too old (found version %d). Please update your GPU driver by '
                    'downloading and installing a new version from the URL: http://www.nvidia.com/Download/index.aspx '
                    'Alternatively, go to: https://pytorch.org to install a PyTorch version that has been compiled '
                    'with your version of the CUDA driver.' % self.driver_int)
        if self.reason == 'no-device':
            return 'No CUDA GPUs are available'
        return None

    def triggered_suffix(self):
        where = ('C:\\actions-runner\\_work\\pytorch\\pytorch\\builder\\windows\\pytorch\\c10\\cuda\\CUDAFunctions.cpp'
                 if WINDOWS else '../c10/cuda/CUDAFunctions.cpp')
        return ' (Triggered internally at %s:108.)' % where
