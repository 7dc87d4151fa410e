# torchvision.ops.nms for the fake torchvision: like the real C++ op, it exists only when torchvision was built for the
# installed torch (torchvision 0.N pairs with torch 2.(N-15), same CUDA tag); otherwise it fails the way a partial
# upgrade does: "operator torchvision::nms does not exist".
import torch

from ..version import __version__


def _paired():
    tv = __version__.split('+')
    th = torch.__version__.split('+')
    try:
        tv_minor = int(tv[0].split('.')[1])
        th_major, th_minor = (int(x) for x in th[0].split('.')[:2])
    except (IndexError, ValueError):
        return False
    same_tag = (tv[1] if len(tv) > 1 else '') == (th[1] if len(th) > 1 else '')
    return th_major == 2 and tv_minor == th_minor + 15 and same_tag


def nms(boxes, scores, iou_threshold):
    if not _paired():
        raise RuntimeError('operator torchvision::nms does not exist')
    values = scores.tolist()
    best = max(range(len(values)), key=lambda i: values[i]) if values else None
    return torch.tensor([] if best is None else [best])
