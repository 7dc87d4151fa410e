# TorchLift: checks an install after (and times it before) a torch / torchvision / xformers upgrade.
# Runs in the install's own Python. Prints exactly one JSON object on the last line of stdout; never a traceback.
# Usage: python upgrade_check.py '<json>'   with keys:
#   expect: {"torch": "2.1.2+cu121", "torchvision": "...", "torchaudio": "..."|null, "xformers": "..."|null,
#            "cuda": "12.1"|null}   (null: not checked / must be absent for xformers when "xformersRemoved")
#   needCuda: true when the machine has an NVIDIA GPU (CUDA must be available)
#   checks: false to only time the workload (the "before" run)
#   size: the workload size the "before" run chose (so "after" times the same work)
import json
import sys
import time


def _err(exc):
    text = "%s: %s" % (type(exc).__name__, exc)
    return text if len(text) < 2000 else text[:2000] + "..."


def _workload(torch, device, n):
    dtype = torch.float16 if device == "cuda" else torch.float32
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    x = torch.randn(1, 4, n // 4, n // 4, device=device, dtype=dtype)
    w = torch.randn(4, 4, 3, 3, device=device, dtype=dtype)

    def once():
        started = time.perf_counter()
        for _ in range(4):
            (a @ b).sum()
            torch.nn.functional.conv2d(x, w, padding=1)
        if device == "cuda":
            torch.cuda.synchronize()
        return (time.perf_counter() - started) * 1000.0
    return once


def _timed_workload(torch, device, size):
    # The same small workload before and after: fp16 matmuls (fp32 on CPU) and a convolution, median of 5 runs.
    # The size is chosen once (the "before" run: doubled from 16 until one run takes >= 20 ms, at most 2048) and then
    # reused, so both runs measure the same work.
    n = size
    if n is None:
        n = 16
        while n < 2048 and _workload(torch, device, n)() < 20.0:
            n *= 2
    once = _workload(torch, device, n)
    once()  # warm-up
    runs = sorted(once() for _ in range(5))
    return runs[len(runs) // 2], n


def main(argv):
    args = json.loads(argv[0]) if argv else {}
    expect = args.get("expect") or {}
    need_cuda = bool(args.get("needCuda"))
    only_time = args.get("checks") is False
    checks = []
    out = {"checks": checks, "ms": None, "device": None}

    def check(name, fn):
        try:
            ok, detail = fn()
        except BaseException as exc:  # noqa: BLE001 - any failure is a result, never a crash
            ok, detail = False, _err(exc)
        checks.append({"name": name, "ok": bool(ok), "detail": str(detail)})
        return ok

    try:
        import torch
    except BaseException as exc:  # noqa: BLE001
        checks.append({"name": "import torch", "ok": False, "detail": _err(exc)})
        return out
    checks.append({"name": "import torch", "ok": True, "detail": str(getattr(torch, "__version__", "?"))})

    def version_is(mod_name, want):
        def run():
            mod = __import__(mod_name)
            have = str(getattr(mod, "__version__", "?"))
            return (want is None or have == want), ("%s %s" % (mod_name, have)) if want is None or have == want else ("%s is %s, the plan installs %s" % (mod_name, have, want))
        return run

    cuda_ok = False
    if not only_time:
        check("torch version", version_is("torch", expect.get("torch")))
        check("torchvision imports", version_is("torchvision", expect.get("torchvision")))
        if expect.get("torchaudio"):
            check("torchaudio imports", version_is("torchaudio", expect.get("torchaudio")))
        want_cuda = expect.get("cuda")
        check("torch.version.cuda", lambda: (torch.version.cuda == want_cuda, "torch.version.cuda is %s" % torch.version.cuda + ("" if torch.version.cuda == want_cuda else ", the plan's build has %s" % want_cuda)))
    try:
        cuda_ok = bool(torch.cuda.is_available())
    except BaseException:  # noqa: BLE001
        cuda_ok = False
    if not only_time and need_cuda:
        check("CUDA available", lambda: (cuda_ok, "torch.cuda.is_available() is %s" % cuda_ok))
    device = "cuda" if cuda_ok else "cpu"
    out["device"] = device
    if not only_time:
        def matmul():
            a = torch.randn(64, 64, device=device)
            return True, "matmul on %s: %.3f" % (device, float((a @ a).sum().item()))

        def conv():
            x = torch.randn(1, 3, 16, 16, device=device)
            w = torch.randn(4, 3, 3, 3, device=device)
            y = torch.nn.functional.conv2d(x, w, padding=1)
            if device == "cuda":
                torch.cuda.synchronize()
            cudnn = torch.backends.cudnn.version() if device == "cuda" else None
            return True, "conv2d on %s (cuDNN %s)" % (device, cudnn)

        def nms():
            import torchvision
            import torchvision.ops
            boxes = torch.tensor([[0.0, 0.0, 10.0, 10.0], [1.0, 1.0, 11.0, 11.0]], device=device)
            scores = torch.tensor([0.9, 0.8], device=device)
            keep = torchvision.ops.nms(boxes, scores, 0.5)
            return True, "torchvision.ops.nms kept %s" % (keep.tolist(),)

        check("matmul", matmul)
        check("cuDNN convolution", conv)
        check("torchvision.ops.nms", nms)
        if expect.get("xformers"):
            def xformers_attention():
                import xformers
                import xformers.ops
                have = str(getattr(xformers, "__version__", "?"))
                if have != expect.get("xformers"):
                    return False, "xformers is %s, the plan installs %s" % (have, expect.get("xformers"))
                q = torch.randn(1, 16, 2, 8, device=device, dtype=torch.float16 if device == "cuda" else torch.float32)
                xformers.ops.memory_efficient_attention(q, q, q)
                return True, "xformers %s memory_efficient_attention on %s" % (have, device)
            check("xformers attention", xformers_attention)
        elif args.get("xformersRemoved"):
            def xformers_gone():
                try:
                    import xformers  # noqa: F401
                except ImportError:
                    return True, "xformers is not installed (as planned)"
                return False, "xformers is still importable"
            check("xformers removed", xformers_gone)
    try:
        ms, n = _timed_workload(torch, device, args.get("size"))
        out["ms"] = round(ms, 3)
        out["size"] = n
    except BaseException as exc:  # noqa: BLE001
        out["timingError"] = _err(exc)
    return out


if __name__ == "__main__":
    try:
        result = main(sys.argv[1:])
    except BaseException as exc:  # noqa: BLE001
        result = {"checks": [{"name": "check script", "ok": False, "detail": _err(exc)}], "ms": None}
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    sys.stdout.flush()
