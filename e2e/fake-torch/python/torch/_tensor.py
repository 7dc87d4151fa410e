# A tiny pure-Python tensor: enough for the probe's "randn, matmul, sum, item, conv2d" checks.
import random as _random


class dtype(object):
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return 'torch.' + self.name


float32 = dtype('float32')
float16 = dtype('float16')
bfloat16 = dtype('bfloat16')
float64 = dtype('float64')
int64 = dtype('int64')
float = float32  # noqa: A001 - torch.float is float32
half = float16

_rng = _random.Random(0)


def manual_seed(seed):
    _rng.seed(seed)


class device(object):
    def __init__(self, spec, index=None):
        if isinstance(spec, device):
            spec, index = spec.type, spec.index
        text = str(spec)
        if ':' in text:
            text, idx = text.split(':', 1)
            index = int(idx)
        if text not in ('cpu', 'cuda'):
            raise RuntimeError('Expected one of cpu, cuda device type at start of device string: ' + text)
        self.type = text
        self.index = index if text == 'cuda' else None

    def __eq__(self, other):
        other = device(other)
        return self.type == other.type

    def __hash__(self):
        return hash(self.type)

    def __repr__(self):
        return "device(type='%s'%s)" % (self.type, '' if self.index is None else ', index=%d' % self.index)

    def __str__(self):
        return self.type if self.index is None else '%s:%d' % (self.type, self.index)


def _prod(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def _ensure_device(dev):
    dev = device(dev if dev is not None else 'cpu')
    if dev.type == 'cuda':
        from . import cuda
        cuda._lazy_init()
        if dev.index is None:
            dev = device('cuda', 0)
    return dev


class Tensor(object):
    def __init__(self, data, shape, dev=None, dt=None):
        self._data = list(data)
        self.shape = tuple(shape)
        self.device = dev if dev is not None else device('cpu')
        self.dtype = dt or float32

    def size(self, dim=None):
        return self.shape if dim is None else self.shape[dim]

    def dim(self):
        return len(self.shape)

    def numel(self):
        return _prod(self.shape)

    @property
    def is_cuda(self):
        return self.device.type == 'cuda'

    def to(self, target=None, dtype=None, **_kwargs):
        if isinstance(target, dtype_cls):
            return Tensor(self._data, self.shape, self.device, target)
        dev = _ensure_device(target) if target is not None else self.device
        return Tensor(self._data, self.shape, dev, dtype or self.dtype)

    def cuda(self, index=None):
        return self.to('cuda' if index is None else 'cuda:%d' % index)

    def cpu(self):
        return Tensor(self._data, self.shape, device('cpu'), self.dtype)

    def half(self):
        return Tensor(self._data, self.shape, self.device, float16)

    def float(self):
        return Tensor(self._data, self.shape, self.device, float32)

    def _same_device(self, other):
        if isinstance(other, Tensor) and other.device.type != self.device.type:
            raise RuntimeError('Expected all tensors to be on the same device, but found at least two devices, '
                               '%s and %s!' % (self.device, other.device))

    def __matmul__(self, other):
        self._same_device(other)
        if len(self.shape) != 2 or len(other.shape) != 2 or self.shape[1] != other.shape[0]:
            raise RuntimeError('mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)'
                               % (self.shape + other.shape))
        n, k = self.shape
        m = other.shape[1]
        a, b = self._data, other._data
        out = []
        for i in range(n):
            row = a[i * k:(i + 1) * k]
            for j in range(m):
                s = 0.0
                for t in range(k):
                    s += row[t] * b[t * m + j]
                out.append(s)
        return Tensor(out, (n, m), self.device, self.dtype)

    matmul = __matmul__

    def _elementwise(self, other, op):
        if isinstance(other, Tensor):
            self._same_device(other)
            if other.shape != self.shape:
                raise RuntimeError('shape mismatch')
            data = [op(x, y) for x, y in zip(self._data, other._data)]
        else:
            data = [op(x, other) for x in self._data]
        return Tensor(data, self.shape, self.device, self.dtype)

    def __add__(self, other):
        return self._elementwise(other, lambda x, y: x + y)

    __radd__ = __add__

    def __mul__(self, other):
        return self._elementwise(other, lambda x, y: x * y)

    __rmul__ = __mul__

    def __sub__(self, other):
        return self._elementwise(other, lambda x, y: x - y)

    def sum(self):
        return Tensor([sum(self._data)], (), self.device, self.dtype)

    def mean(self):
        return Tensor([sum(self._data) / max(1, len(self._data))], (), self.device, self.dtype)

    def item(self):
        if len(self._data) != 1:
            raise RuntimeError('a Tensor with %d elements cannot be converted to Scalar' % len(self._data))
        return self._data[0]

    def tolist(self):
        return list(self._data)

    def __repr__(self):
        suffix = ", device='%s'" % self.device if self.device.type == 'cuda' else ''
        return 'tensor(<%s>%s)' % ('x'.join(str(s) for s in self.shape) or 'scalar', suffix)


dtype_cls = dtype


def _shape_of(size):
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        return tuple(size[0])
    return tuple(size)


def randn(*size, **kwargs):
    shape = _shape_of(size)
    dev = _ensure_device(kwargs.get('device'))
    return Tensor([_rng.gauss(0.0, 1.0) for _ in range(_prod(shape))], shape, dev, kwargs.get('dtype'))


def zeros(*size, **kwargs):
    shape = _shape_of(size)
    return Tensor([0.0] * _prod(shape), shape, _ensure_device(kwargs.get('device')), kwargs.get('dtype'))


def ones(*size, **kwargs):
    shape = _shape_of(size)
    return Tensor([1.0] * _prod(shape), shape, _ensure_device(kwargs.get('device')), kwargs.get('dtype'))


def tensor(values, device=None, dtype=None):
    # Nested lists (a 2-D box list for torchvision.ops.nms) become a flat buffer with their shape.
    shape = []
    probe = values
    while isinstance(probe, (list, tuple)):
        shape.append(len(probe))
        probe = probe[0] if len(probe) > 0 else None
    flat = []

    def walk(v):
        if isinstance(v, (list, tuple)):
            for item in v:
                walk(item)
        else:
            flat.append(v * 1.0)
    walk(values)
    return Tensor(flat, tuple(shape), _ensure_device(device), dtype)


def matmul(a, b):
    return a @ b


class no_grad(object):
    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        return False

    def __call__(self, fn):
        return fn


inference_mode = no_grad
