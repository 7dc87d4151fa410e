# torch.nn.functional for the fake torch: a naive conv2d (cuDNN path on cuda tensors) and attention.
import math as _math

from .._tensor import Tensor


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    if input.device.type != weight.device.type:
        raise RuntimeError('Input type and weight type should be the same')
    if input.is_cuda:
        from ..backends import cudnn
        if cudnn.version() is None:
            raise RuntimeError('cuDNN error: CUDNN_STATUS_NOT_INITIALIZED')
    n, c, h, w = input.shape
    o, c2, kh, kw = weight.shape
    if c != c2:
        raise RuntimeError('expected input to have %d channels, but got %d channels instead' % (c2, c))
    s = stride if isinstance(stride, int) else stride[0]
    p = padding if isinstance(padding, int) else padding[0]
    oh, ow = (h + 2 * p - kh) // s + 1, (w + 2 * p - kw) // s + 1
    x, k = input._data, weight._data
    out = []
    for b in range(n):
        for oc in range(o):
            base = bias._data[oc] if bias is not None else 0.0
            for i in range(oh):
                for j in range(ow):
                    acc = base
                    for ic in range(c):
                        for u in range(kh):
                            yy = i * s + u - p
                            if yy < 0 or yy >= h:
                                continue
                            for v in range(kw):
                                xx = j * s + v - p
                                if 0 <= xx < w:
                                    acc += x[((b * c + ic) * h + yy) * w + xx] * k[((oc * c + ic) * kh + u) * kw + v]
                    out.append(acc)
    return Tensor(out, (n, o, oh, ow), input.device, input.dtype)


def relu(x):
    return Tensor([v if v > 0 else 0.0 for v in x._data], x.shape, x.device, x.dtype)


def scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None):
    """Attention over the last two dimensions of same-shaped (..., L, E) tensors."""
    *lead, length, emb = query.shape
    factor = scale if scale is not None else 1.0 / _math.sqrt(emb)
    q, k, v = query._data, key._data, value._data
    out = []
    for blk in range(len(q) // (length * emb)):
        off = blk * length * emb
        for i in range(length):
            scores = [sum(q[off + i * emb + e] * k[off + j * emb + e] for e in range(emb)) * factor
                      for j in range(length)]
            top = max(scores)
            weights = [_math.exp(sc - top) for sc in scores]
            total = sum(weights)
            for e in range(emb):
                out.append(sum(weights[j] * v[off + j * emb + e] for j in range(length)) / total)
    return Tensor(out, query.shape, query.device, query.dtype)
