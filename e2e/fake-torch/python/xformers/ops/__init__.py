# xformers.ops.memory_efficient_attention for the fake xformers: works only when the build matches torch.
import torch
from torch.nn import functional as _F

from .. import _cpp_lib


def memory_efficient_attention(query, key, value, attn_bias=None, p=0.0, scale=None):
    """(B, M, H, K) tensors, as in real xformers."""
    if _cpp_lib._cpp_library_load_exception is not None or not query.is_cuda:
        raise NotImplementedError(
            'No operator found for `memory_efficient_attention_forward` with inputs:\n'
            '     query       : shape=%s (%s)\n'
            '`cutlassF` is not supported because:\n'
            '    xFormers wasn\'t build with CUDA support' % (tuple(query.shape), query.dtype))
    b, m, h, k = query.shape

    def heads_first(t):
        d = t._data
        out = [d[((bi * m + mi) * h + hi) * k + ki]
               for bi in range(b) for hi in range(h) for mi in range(m) for ki in range(k)]
        return torch.Tensor(out, (b, h, m, k), t.device, t.dtype)

    res = _F.scaled_dot_product_attention(heads_first(query), heads_first(key), heads_first(value), scale=scale)
    d = res._data
    out = [d[((bi * h + hi) * m + mi) * k + ki]
           for bi in range(b) for mi in range(m) for hi in range(h) for ki in range(k)]
    return torch.Tensor(out, (b, m, h, k), query.device, query.dtype)
