#!/usr/bin/env python3
"""Builds Rollgate's base image as a `docker save` style tar, with no registry and no daemon.

The image has one layer: a Java runtime made with jlink from the JDK given by --jdk (only the
modules the service needs), the shared libraries that runtime links against (found with ldd and
copied from this machine), CA certificates, /etc/passwd and /etc/group with the non-root user
`rollgate` (65532:65532), /tmp, and /data owned by that user. Jib takes the tar as its base image
(`tar://...`) and adds the service's layers on top.

The layer is reproducible: entries are sorted, owned by root (but /data), and dated
SOURCE_DATE_EPOCH (1 when unset). A stamp of the inputs (this script, the JDK's release file and
the module list) skips the work when nothing changed since the last build of the same output.

Python 3 standard library only. Linux only (jlink's output runs on the machine that builds it).
"""

import argparse
import hashlib
import io
import json
import os
import platform
import shutil
import stat
import subprocess
import sys
import tarfile
import time

# The service's modules: what jdeps finds in the service and its dependencies, with
#   jdeps --ignore-missing-deps --print-module-deps --multi-release 17 \
#     --class-path 'BOOT-INF/lib/*' BOOT-INF/classes BOOT-INF/lib/*.jar     (in the unzipped jar)
# plus what is only loaded reflectively: java.logging, java.management and java.naming (JMX,
# JNDI), java.sql and java.xml, jdk.crypto.ec (TLS), jdk.naming.dns, jdk.zipfs. The sandbox needs
# jdk.httpserver. Check the list again when dependencies change.
DEFAULT_MODULES = [
    "java.base",
    "java.compiler",
    "java.desktop",  # java.beans, used by Spring; run headless
    "java.instrument",
    "java.logging",
    "java.management",
    "java.naming",
    "java.net.http",
    "java.prefs",
    "java.rmi",
    "java.scripting",
    "java.security.jgss",
    "java.sql",
    "java.sql.rowset",
    "java.xml",
    "jdk.crypto.ec",
    "jdk.httpserver",
    "jdk.jfr",
    "jdk.management",
    "jdk.naming.dns",
    "jdk.net",
    "jdk.unsupported",
    "jdk.zipfs",
]

# Native libraries of java.desktop that a headless service never loads: their own dependencies
# (X11, ALSA, freetype, ...) are left out of the image.
GRAPHICAL_LIBRARIES = {
    "libawt_xawt.so",
    "libfontmanager.so",
    "libjavajpeg.so",
    "libjawt.so",
    "libjsound.so",
    "liblcms.so",
    "libsplashscreen.so",
}

JAVA_HOME = "opt/java"
USER_ID = 65532
USER_NAME = "rollgate"
DATA_DIR = "data"

PASSWD = (
    "root:x:0:0:root:/root:/sbin/nologin\n"
    f"{USER_NAME}:x:{USER_ID}:{USER_ID}:Rollgate:/{DATA_DIR}:/sbin/nologin\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
)
GROUP = f"root:x:0:\n{USER_NAME}:x:{USER_ID}:\nnobody:x:65534:\n"
NSSWITCH = "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n"

ENV = [
    f"PATH=/{JAVA_HOME}/bin:/usr/local/bin:/usr/bin:/bin",
    f"JAVA_HOME=/{JAVA_HOME}",
    "LANG=C.UTF-8",
    "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt",
]


def log(message):
    print(f"[base image] {message}", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jdk", default=os.environ.get("JAVA_HOME"),
                        help="the JDK whose jlink and jmods make the runtime (default: $JAVA_HOME)")
    parser.add_argument("--output", required=True, help="the image tar to write")
    parser.add_argument("--work", required=True, help="a scratch directory (emptied)")
    parser.add_argument("--modules", default=",".join(DEFAULT_MODULES),
                        help="comma-separated Java modules for the runtime")
    parser.add_argument("--tag", default="rollgate-base:local", help="the tar's repository tag")
    parser.add_argument("--force", action="store_true", help="rebuild even when up to date")
    return parser.parse_args()


def architecture():
    machine = platform.machine().lower()
    return {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64",
            "ppc64le": "ppc64le", "s390x": "s390x"}.get(machine, machine)


def inputs_stamp(args, jdk):
    digest = hashlib.sha256()
    with open(os.path.abspath(__file__), "rb") as script:
        digest.update(script.read())
    release = os.path.join(jdk, "release")
    if os.path.exists(release):
        with open(release, "rb") as data:
            digest.update(data.read())
    digest.update(os.path.realpath(jdk).encode())
    digest.update(args.modules.encode())
    digest.update(args.tag.encode())
    digest.update(source_date_epoch().to_bytes(8, "big"))
    return digest.hexdigest()


def source_date_epoch():
    return int(os.environ.get("SOURCE_DATE_EPOCH", "1"))


def run_jlink(jdk, modules, runtime):
    jlink = os.path.join(jdk, "bin", "jlink")
    if not os.access(jlink, os.X_OK):
        sys.exit(f"no jlink in {jdk}/bin: --jdk (or JAVA_HOME) must name a full JDK")
    command = [jlink, "--add-modules", modules, "--strip-debug", "--no-man-pages",
               "--no-header-files", "--output", runtime]
    jmods = os.path.join(jdk, "jmods")
    if os.path.isdir(jmods):
        command[1:1] = ["--module-path", jmods]
    log("jlink " + modules)
    subprocess.run(command, check=True)


def elf_files(root):
    for directory, _, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(directory, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            with open(path, "rb") as data:
                if data.read(4) == b"\x7fELF":
                    yield path


def host_libraries(runtime):
    """The host paths of the shared libraries (and the loader) the runtime's binaries need."""
    search = os.pathsep.join([os.path.join(runtime, "lib"), os.path.join(runtime, "lib", "server")])
    environment = dict(os.environ, LD_LIBRARY_PATH=search)
    needed, missing = set(), set()
    for path in elf_files(runtime):
        if os.path.basename(path) in GRAPHICAL_LIBRARIES:
            continue
        result = subprocess.run(["ldd", path], capture_output=True, text=True, env=environment)
        if result.returncode != 0:
            continue  # not dynamically linked
        for line in result.stdout.splitlines():
            line = line.strip()
            if "=>" in line:
                name, _, target = line.partition("=>")
                target = target.strip().split(" (")[0].strip()
                if target == "not found":
                    missing.add(name.strip())
                elif target.startswith("/"):
                    needed.add(target)
            elif line.startswith("/"):
                needed.add(line.split(" (")[0].strip())  # the dynamic loader
    needed = {p for p in needed if not os.path.realpath(p).startswith(os.path.realpath(runtime))}
    if missing:
        sys.exit("libraries the runtime needs are missing on this machine: " + ", ".join(sorted(missing)))
    return sorted(needed)


def copy_host_path(host_path, rootfs):
    """Copies host_path into rootfs at the same path, recreating each symbolic link on the way."""
    host_path = os.path.normpath(host_path)
    parts = host_path.strip("/").split("/")
    current = "/"
    for index, part in enumerate(parts):
        current = os.path.join(current, part)
        inside = os.path.join(rootfs, current.lstrip("/"))
        if os.path.islink(current):
            target = os.readlink(current)
            if os.path.isabs(target):  # keep the link inside the image's root
                target = os.path.relpath(target, os.path.dirname(current))
            if not os.path.lexists(inside):
                os.makedirs(os.path.dirname(inside), exist_ok=True)
                os.symlink(target, inside)
            resolved = os.path.normpath(os.path.join(os.path.dirname(current), target))
            rest = "/".join(parts[index + 1:])
            copy_host_path(os.path.join(resolved, rest) if rest else resolved, rootfs)
            return
        if index == len(parts) - 1:
            if not os.path.lexists(inside):
                os.makedirs(os.path.dirname(inside), exist_ok=True)
                shutil.copy2(current, inside)
        elif not os.path.isdir(inside):
            os.makedirs(inside, exist_ok=True)


def write_file(rootfs, path, text, mode=0o644):
    target = os.path.join(rootfs, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(target, mode)


def assemble_rootfs(args, jdk, rootfs):
    runtime = os.path.join(rootfs, JAVA_HOME)
    os.makedirs(os.path.dirname(runtime), exist_ok=True)
    run_jlink(jdk, args.modules, runtime)

    libraries = host_libraries(runtime)
    log("shared libraries: " + " ".join(libraries))
    for library in libraries:
        copy_host_path(library, rootfs)

    bundle = "/etc/ssl/certs/ca-certificates.crt"
    if os.path.exists(bundle):
        copy_host_path(bundle, rootfs)
    else:
        log(f"warning: no {bundle} on this machine; the image has the JDK's CA certificates only")
    java_cacerts = "/etc/ssl/certs/java/cacerts"
    if os.path.exists(java_cacerts):
        shutil.copyfile(java_cacerts, os.path.join(runtime, "lib", "security", "cacerts"))

    # C.UTF-8, so that file names and the JVM's native encoding are UTF-8 (LANG in ENV)
    locale = "/usr/lib/locale/C.utf8"
    if os.path.isdir(locale):
        for directory, _, names in os.walk(locale):
            for name in names:
                copy_host_path(os.path.join(directory, name), rootfs)
    else:
        log(f"warning: no {locale} on this machine; the JVM's native encoding will be ASCII")

    write_file(rootfs, "etc/passwd", PASSWD)
    write_file(rootfs, "etc/group", GROUP)
    write_file(rootfs, "etc/nsswitch.conf", NSSWITCH)
    for directory in ("tmp", DATA_DIR, "root", "proc", "sys", "dev"):
        os.makedirs(os.path.join(rootfs, directory), exist_ok=True)


def layer_tar(rootfs, layer_path):
    """A reproducible tar of rootfs: sorted, root-owned but /data, all dated SOURCE_DATE_EPOCH."""
    mtime = source_date_epoch()

    def entry(info):
        info.mtime = mtime
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mode = info.mode & 0o7777
        name = info.name.rstrip("/")
        if name == "tmp":
            info.mode = 0o1777
        elif name == DATA_DIR:
            info.uid = info.gid = USER_ID
            info.uname = info.gname = USER_NAME
            info.mode = 0o750
        elif name == "root":
            info.mode = 0o700
        elif info.isfile() or info.isdir():
            # world-readable; executables keep their execute bits
            info.mode |= 0o444 | (0o111 if info.isdir() or info.mode & 0o100 else 0)
        return info

    with tarfile.open(layer_path, "w", format=tarfile.PAX_FORMAT) as tar:
        for directory, directories, names in os.walk(rootfs):
            directories.sort()
            for name in sorted(directories + names):
                path = os.path.join(directory, name)
                arcname = os.path.relpath(path, rootfs)
                tar.add(path, arcname=arcname, recursive=False, filter=entry)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def image_tar(args, layer_path, output):
    diff_id = sha256_of(layer_path)
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(source_date_epoch()))
    config = {
        "architecture": architecture(),
        "os": "linux",
        "created": created,
        "config": {
            "Env": ENV,
            "User": f"{USER_ID}:{USER_ID}",
            "WorkingDir": f"/{DATA_DIR}",
            "Cmd": ["java", "-version"],
            "Labels": {"org.opencontainers.image.title": "rollgate-base",
                       "org.opencontainers.image.description":
                           "A jlink'ed Java runtime and a non-root user (65532) for Rollgate"},
        },
        "rootfs": {"type": "layers", "diff_ids": [f"sha256:{diff_id}"]},
        "history": [{"created": created,
                     "created_by": "app/src/image/build-base-image.py --modules " + args.modules}],
    }
    config_bytes = json.dumps(config, indent=2, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    layer_name = f"{diff_id}/layer.tar"
    manifest = [{"Config": config_name, "RepoTags": [args.tag], "Layers": [layer_name]}]
    manifest_bytes = json.dumps(manifest, indent=2).encode()

    partial = output + ".partial"
    with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
        def add_bytes(name, data):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), source_date_epoch(), 0o644
            tar.addfile(info, io.BytesIO(data))

        add_bytes(config_name, config_bytes)
        info = tar.gettarinfo(layer_path, arcname=layer_name)
        info.mtime, info.uid, info.gid, info.uname, info.gname = source_date_epoch(), 0, 0, "", ""
        with open(layer_path, "rb") as layer:
            tar.addfile(info, layer)
        add_bytes("manifest.json", manifest_bytes)
    os.replace(partial, output)
    return diff_id


def main():
    args = parse_args()
    if not args.jdk:
        sys.exit("name the JDK with --jdk or JAVA_HOME")
    jdk = os.path.abspath(args.jdk)
    if not sys.platform.startswith("linux"):
        sys.exit("the base image is built from this machine's Linux JDK and libraries: run on Linux")
    output = os.path.abspath(args.output)
    stamp_path = output + ".inputs"
    stamp = inputs_stamp(args, jdk)
    if not args.force and os.path.exists(output) and os.path.exists(stamp_path):
        with open(stamp_path, encoding="utf-8") as previous:
            if previous.read().strip() == stamp:
                log(f"{output} is up to date")
                return

    started = time.monotonic()
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    rootfs = os.path.join(work, "rootfs")
    os.makedirs(rootfs)
    assemble_rootfs(args, jdk, rootfs)

    layer_path = os.path.join(work, "layer.tar")
    layer_tar(rootfs, layer_path)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    diff_id = image_tar(args, layer_path, output)
    with open(stamp_path, "w", encoding="utf-8") as out:
        out.write(stamp + "\n")
    shutil.rmtree(work, ignore_errors=True)
    log(f"wrote {output} ({os.path.getsize(output) / 1e6:.1f} MB, layer sha256:{diff_id[:12]}, "
        f"{time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
