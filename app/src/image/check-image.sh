#!/usr/bin/env bash
# Checks Rollgate's image without a Docker daemon: starts the service from the image tar, waits
# for /actuator/health to be UP, checks that the service's process runs as uid 65532, and stops it.
#
#   app/src/image/check-image.sh [IMAGE_TAR]      (default: app/target/rollgate-image.tar)
#
# Two ways to run the image, chosen by CHECK_IMAGE_RUNTIME (default: podman when it is installed):
#   podman  loads the tar into a throw-away podman store (vfs, in a temporary directory) and runs
#           the container with no network; the check reaches it inside its network namespace.
#           Extra options: PODMAN_OPTS (global) and PODMAN_RUN_OPTS (for `podman run`).
#   chroot  (root only) unpacks the image's layers into a directory and runs the image's entrypoint
#           there, as the image's user, with its environment and working directory, in new mount,
#           PID, network and UTS namespaces with /proc, /dev and a /data of its own.
# The data volume is a fresh directory owned by 65532. Not part of the test suite (it needs a
# built image and, for the chroot way, root); see app/src/image/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
image_tar="${1:-$here/../../target/rollgate-image.tar}"
image_tar="$(realpath "$image_tar")"
timeout_s="${CHECK_IMAGE_TIMEOUT:-180}"
expected_uid=65532
port=8080

[ -f "$image_tar" ] || { echo "no image tar at $image_tar: build it with ./mvnw -B -ntp -Pimage -pl app -am -DskipTests package" >&2; exit 2; }

runtime="${CHECK_IMAGE_RUNTIME:-}"
if [ -z "$runtime" ]; then
  if command -v podman >/dev/null 2>&1; then runtime=podman; else runtime=chroot; fi
fi

work="$(mktemp -d /tmp/rollgate-image-check.XXXXXX)"
data="$work/data"
mkdir -p "$data"
chown "$expected_uid:$expected_uid" "$data" 2>/dev/null || chmod 0777 "$data"
log() { echo "[check-image] $*"; }
service_pid=""
cleanup_steps=()
cleanup() {
  local step
  for step in "${cleanup_steps[@]}"; do eval "$step" || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# GET url inside the network namespace of process $1; prints the body.
http_get() {
  local pid="$1" url="$2" prefix=()
  if [ "$(id -u)" != 0 ] && [ "$runtime" = podman ]; then prefix=(podman "${podman_global[@]}" unshare); fi
  if command -v curl >/dev/null 2>&1; then
    "${prefix[@]}" nsenter -t "$pid" -n curl -fsS --max-time 5 "$url"
  else
    "${prefix[@]}" nsenter -t "$pid" -n python3 -c \
      'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$url"
  fi
}

start_podman() {
  podman_global=(--root "$work/podman/root" --runroot "$work/podman/run" --storage-driver vfs
    --events-backend file ${PODMAN_OPTS:-})
  local podman=(podman "${podman_global[@]}")
  log "podman load -i $image_tar"
  local loaded
  loaded="$("${podman[@]}" load -q -i "$image_tar")"
  image="${loaded##*: }"
  log "loaded $image"
  # modest ulimits: podman's defaults are higher than a machine without CAP_SYS_RESOURCE allows
  local nofile=65536
  [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt $nofile ] && nofile="$(ulimit -Hn)"
  local run_opts=(--detach --name rollgate-image-check --network none
    --ulimit "nofile=$nofile:$nofile" --ulimit nproc=4096:4096 -v "$data:/data" ${PODMAN_RUN_OPTS:-})
  cleanup_steps+=("${podman[*]} rm -f -t 30 rollgate-image-check >/dev/null 2>&1")
  if ! "${podman[@]}" run "${run_opts[@]}" "$image" >/dev/null 2>"$work/run.err"; then
    cat "$work/run.err" >&2
    "${podman[@]}" rm -f rollgate-image-check >/dev/null 2>&1 || true
    if command -v runc >/dev/null 2>&1 && [[ " ${PODMAN_OPTS:-} " != *" --runtime "* ]]; then
      log "retrying with the runc runtime and cgroupfs"
      podman_global+=(--runtime runc --cgroup-manager cgroupfs)
      podman=(podman "${podman_global[@]}")
      cleanup_steps+=("${podman[*]} rm -f -t 30 rollgate-image-check >/dev/null 2>&1")
      "${podman[@]}" run "${run_opts[@]}" "$image" >/dev/null
    else
      exit 1
    fi
  fi
  service_pid="$("${podman[@]}" inspect -f '{{.State.Pid}}' rollgate-image-check)"
  logs_command=("${podman[@]}" logs rollgate-image-check)
  stop_command=("${podman[@]}" stop -t 30 rollgate-image-check)
}

start_chroot() {
  [ "$(id -u)" = 0 ] || { echo "the chroot way needs root; install podman or run as root" >&2; exit 2; }
  local rootfs="$work/rootfs"
  log "unpacking $image_tar into $rootfs"
  # Unpacks the layers in order (OCI layout or docker save format) and writes the image's
  # config as $work/config.json.
  python3 - "$image_tar" "$work" <<'PYTHON'
import json, os, posixpath, shutil, sys, tarfile
image_tar, work = sys.argv[1], sys.argv[2]
rootfs = os.path.join(work, "rootfs")
os.makedirs(rootfs)
with tarfile.open(image_tar) as outer:
    def read(name):
        return outer.extractfile(name.lstrip("./")).read()
    names = set(outer.getnames())
    if "index.json" in names:
        def blob(digest):
            return "blobs/" + digest.replace(":", "/")
        index = json.loads(read("index.json"))
        manifest = json.loads(read(blob(index["manifests"][0]["digest"])))
        config = json.loads(read(blob(manifest["config"]["digest"])))
        layers = [blob(layer["digest"]) for layer in manifest["layers"]]
    else:
        manifest = json.loads(read("manifest.json"))[0]
        config = json.loads(read(manifest["Config"]))
        layers = manifest["Layers"]
    for layer in layers:
        with tarfile.open(fileobj=outer.extractfile(layer), mode="r|*") as tar:
            for member in tar:
                directory, base = posixpath.split(member.name)
                if base.startswith(".wh."):  # whiteouts: a deletion, or an opaque directory
                    target = os.path.join(rootfs, directory, base[4:])
                    if base == ".wh..wh..opq":
                        target = os.path.join(rootfs, directory)
                        for entry in os.listdir(target):
                            path = os.path.join(target, entry)
                            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
                    elif os.path.isdir(target) and not os.path.islink(target):
                        shutil.rmtree(target)
                    elif os.path.lexists(target):
                        os.remove(target)
                    continue
                target = os.path.join(rootfs, member.name)
                if os.path.lexists(target) and not (member.isdir() and os.path.isdir(target)):
                    shutil.rmtree(target) if os.path.isdir(target) and not os.path.islink(target) else os.remove(target)
                tar.extract(member, rootfs, numeric_owner=True, set_attrs=True)
with open(os.path.join(work, "config.json"), "w") as out:
    json.dump(config.get("config", {}), out)
PYTHON
  printf '127.0.0.1\tlocalhost rollgate-check\n::1\tlocalhost\n' > "$rootfs/etc/hosts"
  mkdir -p "$rootfs/proc" "$rootfs/dev" "$rootfs/data"

  # Inside new namespaces: /proc, /dev and the data volume, loopback up, then the image's
  # entrypoint as its user in its working directory with exactly its environment.
  cat > "$work/enter.sh" <<'ENTER'
set -e
rootfs="$1"; data="$2"; work="$3"
hostname rollgate-check
ip link set lo up
mount -t proc proc "$rootfs/proc"
mount --rbind /dev "$rootfs/dev"
mount --bind "$data" "$rootfs/data"
exec python3 - "$rootfs" "$work/config.json" <<'PYTHON'
import json, os, sys
rootfs, config = sys.argv[1], json.load(open(sys.argv[2]))
command = (config.get("Entrypoint") or []) + (config.get("Cmd") or [])
env = dict(entry.split("=", 1) for entry in config.get("Env", []))
user = config.get("User") or "0:0"
uid, _, gid = user.partition(":")
uid, gid = int(uid), int(gid or uid)
os.chroot(rootfs)
os.chdir(config.get("WorkingDir") or "/")
os.setgroups([])
os.setgid(gid)
os.setuid(uid)
program = command[0]
if "/" not in program:
    for directory in env.get("PATH", "/usr/bin:/bin").split(":"):
        if os.access(os.path.join(directory, program), os.X_OK):
            program = os.path.join(directory, program)
            break
os.execve(program, command, env)
PYTHON
ENTER
  unshare --mount --pid --net --uts --fork --kill-child=SIGKILL \
    bash "$work/enter.sh" "$rootfs" "$data" "$work" >"$work/service.log" 2>&1 &
  local unshare_pid=$!
  cleanup_steps+=("kill -KILL $unshare_pid 2>/dev/null; wait $unshare_pid 2>/dev/null")
  for _ in $(seq 1 50); do
    service_pid="$(cat "/proc/$unshare_pid/task/$unshare_pid/children" 2>/dev/null | awk '{print $1}')"
    [ -n "$service_pid" ] && break
    sleep 0.1
  done
  [ -n "$service_pid" ] || { cat "$work/service.log" >&2; echo "the service did not start" >&2; exit 1; }
  logs_command=(cat "$work/service.log")
  stop_command=(kill -TERM "$service_pid")
  stop_wait_pid="$unshare_pid"
}

case "$runtime" in
  podman) start_podman ;;
  chroot) start_chroot ;;
  *) echo "CHECK_IMAGE_RUNTIME must be podman or chroot" >&2; exit 2 ;;
esac

log "service process $service_pid ($runtime); waiting for /actuator/health (up to ${timeout_s}s)"
deadline=$((SECONDS + timeout_s))
health=""
while [ $SECONDS -lt $deadline ]; do
  if ! kill -0 "$service_pid" 2>/dev/null; then
    "${logs_command[@]}" | tail -40 >&2
    echo "the service exited before it was healthy" >&2
    exit 1
  fi
  health="$(http_get "$service_pid" "http://127.0.0.1:$port/actuator/health" 2>/dev/null || true)"
  case "$health" in *'"status":"UP"'*) break ;; esac
  sleep 2
done
case "$health" in
  *'"status":"UP"'*) log "UP after $((SECONDS))s: $(printf '%s' "$health" | head -c 300)" ;;
  *) "${logs_command[@]}" | tail -40 >&2; echo "not UP within ${timeout_s}s: $health" >&2; exit 1 ;;
esac
for probe in liveness readiness; do
  log "/actuator/health/$probe: $(http_get "$service_pid" "http://127.0.0.1:$port/actuator/health/$probe")"
done

uid="$(awk '/^Uid:/ {print $2}' "/proc/$service_pid/status")"
command_line="$(tr '\0' ' ' < "/proc/$service_pid/cmdline" | head -c 200)"
if [ "$runtime" = podman ] && [ "$(id -u)" != 0 ]; then
  uid="$(podman "${podman_global[@]}" top rollgate-image-check user | awk 'NR==2 {print $1}')"
  [ "$uid" = rollgate ] && uid=$expected_uid
fi
log "process $service_pid: uid $uid: $command_line"
[ "$uid" = "$expected_uid" ] || { echo "the service runs as uid $uid, not $expected_uid" >&2; exit 1; }
owner="$(stat -c %u "$data"/rollgate.mv.db 2>/dev/null || echo none)"
log "its database in the /data volume is owned by uid $owner"

log "stopping"
"${stop_command[@]}" >/dev/null
if [ -n "${stop_wait_pid:-}" ]; then
  for _ in $(seq 1 150); do kill -0 "$stop_wait_pid" 2>/dev/null || break; sleep 0.2; done
fi
"${logs_command[@]}" | grep -E "Started RollgateApplication|Graceful shutdown|shutdown" | tail -4 || true
log "OK: the image starts, is UP, runs as uid $expected_uid and stops"
