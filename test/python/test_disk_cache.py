import os
import stat


def test_put_get_and_keys(spine_triton, tmp_path):
    from spine_triton.disk_cache import DiskCache, cache_key
    assert cache_key("a", "bc") != cache_key("ab", "c")
    assert cache_key("x", b"y") == cache_key("x", "y")
    cache = DiskCache(cache_key("k"), root=str(tmp_path))
    assert cache.get("f.so") is None
    path = cache.put(b"binary", "f.so")
    assert cache.get("f.so") == path and open(path, "rb").read() == b"binary"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644
    cache.put(b"newer", "f.so")
    assert open(path, "rb").read() == b"newer"
    assert os.listdir(os.path.dirname(path)) == ["f.so"]  # no temporaries left


def test_default_root_honours_environment(spine_triton, monkeypatch, tmp_path):
    from spine_triton.disk_cache import default_cache_root
    monkeypatch.setenv("SPINE_TRITON_CACHE_DIR", str(tmp_path))
    assert default_cache_root() == str(tmp_path)
    monkeypatch.delenv("SPINE_TRITON_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_root() == str(tmp_path / "xdg" / "spine_triton")
