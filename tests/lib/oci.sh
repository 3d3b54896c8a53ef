# tests/lib/oci.sh - run a program in a real OCI container (runc or crun),
# without an image.  Sourced by tests/e2e/*.test and assets/runtime/measure.sh.
#
# The rootfs is a private, read-only, non-recursive bind mount of the host
# root; the program itself is bound read-only at /run/sctui/NAME (on a tmpfs
# at /run), so it runs even when the build tree is on another mount.  There
# is no network namespace (the host's loopback is shared).  Needs root, jq,
# mount/umount and unshare (util-linux).
#
#   oci_setup DIR      rootfs and runtime state under DIR (created); call once.
#                      Registers oci_cleanup with init.sh's cleanup_add when
#                      sourced after init.sh; otherwise the caller must trap.
#   oci_bundle B [OPTION]... -- PROGRAM [ARG]...
#                      make bundle directory B with its config.json:
#         --seccomp FILE   FILE holds a linux.seccomp JSON object (no default:
#                          no filter at all)
#         --nnp true|false process.noNewPrivileges (default true)
#         --bind SRC:DST   bind host directory SRC writable at DST (DST must
#                          exist in the host root, or under /run)
#         --env NAME=VALUE add to the environment (PATH is always set)
#   oci_run RUNTIME B SECONDS
#                      run bundle B in the foreground with runc or crun;
#                      stdout and stderr go to B/stdout and B/stderr.  Returns
#                      the runtime's exit status (the program's own when it
#                      ran), or 124 when SECONDS passed: the container is then
#                      killed and deleted through the runtime.
#   oci_seccomp_from_docker IN OUT [NAMESFILE]...
#                      convert a Docker-format profile IN to the linux.seccomp
#                      object OUT (drops comment, archMap, includes and
#                      excludes), adding the names of each NAMESFILE (one a
#                      line, # comments; assets/runtime/*) as allowed.
#   oci_seccomp_names DEFAULT_ACTION OUT NAME...
#                      a linux.seccomp object allowing exactly NAME... on the
#                      native arch, DEFAULT_ACTION otherwise (ERRNO: EPERM).
#   oci_cleanup        kill and delete every container still known, unmount
#                      the rootfs.  Idempotent.
#   oci_have RUNTIME   0 when RUNTIME (runc or crun) can be run here.
#   OCI_WRAP           when set, a command prefix for the runtime's "run"
#                      (measure.sh sets it to "strace -f -o FILE").
#
# Safety: containers are stopped only through their runtime ("kill ID
# KILL"), never by a pid read from a file (a container's own pid file says
# 1); oci_cleanup lazily detaches the rootfs so that a later rm -rf can never
# walk into the host root.

OCI_DIR=
OCI_ROOTFS=
OCI_SEQ=0
_oci_wrap=

oci_have() {
	case "$1" in
	runc|crun) command -v "$1" >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}

# _oci_cmd RUNTIME ARG...: run the runtime with a private state root.
# crun 1.8 refuses a hybrid cgroup layout ("cgroups in hybrid mode not
# supported"): it runs in its own mount namespace with the cgroup2 mount
# hidden, so it sees plain cgroup v1.  Every crun command (run, kill,
# delete) goes through the same wrapper so it sees the same cgroups.
# shellcheck disable=SC2086
_oci_cmd() {
	local rt=$1
	shift
	case "$rt" in
	runc)
		$_oci_wrap runc --root "$OCI_DIR/state/runc" "$@" ;;
	crun)
		if mountpoint -q /sys/fs/cgroup/unified 2>/dev/null; then
			$_oci_wrap unshare -m --propagation private sh -c \
			    'umount -l /sys/fs/cgroup/unified && exec "$@"' \
			    sh crun --root "$OCI_DIR/state/crun" "$@"
		else
			$_oci_wrap crun --root "$OCI_DIR/state/crun" "$@"
		fi ;;
	*)
		echo "oci.sh: unknown runtime '$rt' (use runc or crun)" >&2
		return 99 ;;
	esac
}

oci_setup() {
	[ -z "$OCI_DIR" ] || return 0
	[ "$(id -u)" = 0 ] || { echo "oci.sh: needs root" >&2; return 1; }
	command -v jq >/dev/null 2>&1 ||
	    { echo "oci.sh: jq not found: apt-get install jq" >&2; return 1; }
	mkdir -p "$1/rootfs" "$1/state/runc" "$1/state/crun" || return 1
	OCI_DIR=$(cd "$1" && pwd)
	OCI_ROOTFS=$OCI_DIR/rootfs
	: >"$OCI_DIR/containers"
	if command -v cleanup_add >/dev/null 2>&1; then
		cleanup_add oci_cleanup
	fi
	mount --bind / "$OCI_ROOTFS" || return 1
	mount --make-private "$OCI_ROOTFS" &&
	mount -o remount,bind,ro "$OCI_ROOTFS" || { oci_cleanup; return 1; }
}

oci_cleanup() {
	local rt id
	[ -n "$OCI_DIR" ] || return 0
	if [ -f "$OCI_DIR/containers" ]; then
		while read -r rt id; do
			[ -n "$id" ] || continue
			_oci_cmd "$rt" kill "$id" KILL >/dev/null 2>&1
			_oci_cmd "$rt" delete -f "$id" >/dev/null 2>&1
		done <"$OCI_DIR/containers"
		: >"$OCI_DIR/containers"
	fi
	if mountpoint -q "$OCI_ROOTFS" 2>/dev/null; then
		umount -l "$OCI_ROOTFS"
	fi
	return 0
}

oci_bundle() {
	local b=$1 seccomp='' nnp=true binds='[]' env='[]' prog name
	shift
	while [ $# -gt 0 ]; do
		case "$1" in
		--seccomp) seccomp=$2; shift 2 ;;
		--nnp) nnp=$2; shift 2 ;;
		--bind)
			binds=$(printf '%s' "$binds" | jq -c --arg s "${2%%:*}" \
			    --arg d "${2#*:}" '. + [{destination: $d,
			    type: "bind", source: $s, options: ["rbind", "rw"]}]')
			shift 2 ;;
		--env)
			env=$(printf '%s' "$env" | jq -c --arg e "$2" '. + [$e]')
			shift 2 ;;
		--) shift; break ;;
		*) echo "oci_bundle: unknown option '$1'" >&2; return 99 ;;
		esac
	done
	[ $# -ge 1 ] || { echo "oci_bundle: no program" >&2; return 99; }
	case "$nnp" in true|false) ;; *)
		echo "oci_bundle: --nnp takes true or false" >&2; return 99 ;;
	esac
	prog=$(command -v "$1") || { echo "oci_bundle: no program '$1'" >&2
		return 99; }
	prog=$(readlink -f "$prog")
	name=$(basename "$prog")
	shift
	mkdir -p "$b" || return 99
	if [ -n "$seccomp" ]; then
		jq -se 'length == 1 and (.[0] | type == "object")' "$seccomp" >/dev/null 2>&1 || {
			echo "oci_bundle: $seccomp is not a JSON object" >&2
			return 99; }
	else
		seccomp=$b/no-seccomp.json
		echo null >"$seccomp"
	fi
	jq -n --arg root "$OCI_ROOTFS" --arg prog "$prog" \
	    --arg dst "/run/sctui/$name" --argjson nnp "$nnp" \
	    --argjson binds "$binds" --argjson env "$env" \
	    --slurpfile seccomp "$seccomp" '
	{
		ociVersion: "1.0.2",
		process: {
			terminal: false,
			user: {uid: 0, gid: 0},
			args: ([$dst] + $ARGS.positional),
			env: (["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] + $env),
			cwd: "/",
			capabilities: {
				bounding: ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
				effective: ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
				permitted: ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
				ambient: ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]
			},
			rlimits: [{type: "RLIMIT_NOFILE", hard: 1024, soft: 1024}],
			noNewPrivileges: $nnp
		},
		root: {path: $root, readonly: true},
		hostname: "sctui",
		mounts: ([
			{destination: "/proc", type: "proc", source: "proc"},
			{destination: "/dev", type: "tmpfs", source: "tmpfs",
			 options: ["nosuid", "strictatime", "mode=755", "size=65536k"]},
			{destination: "/dev/pts", type: "devpts", source: "devpts",
			 options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
			{destination: "/dev/shm", type: "tmpfs", source: "shm",
			 options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
			{destination: "/dev/mqueue", type: "mqueue", source: "mqueue",
			 options: ["nosuid", "noexec", "nodev"]},
			{destination: "/sys", type: "sysfs", source: "sysfs",
			 options: ["nosuid", "noexec", "nodev", "ro"]},
			{destination: "/run", type: "tmpfs", source: "tmpfs",
			 options: ["nosuid", "nodev", "mode=755", "size=65536k"]},
			{destination: $dst, type: "bind", source: $prog,
			 options: ["bind", "ro"]}
		] + $binds),
		linux: ({
			resources: {devices: [{allow: false, access: "rwm"}]},
			namespaces: [{type: "pid"}, {type: "ipc"}, {type: "uts"},
			    {type: "mount"}],
			maskedPaths: ["/proc/acpi", "/proc/asound", "/proc/kcore",
			    "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
			    "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
			    "/proc/scsi"],
			readonlyPaths: ["/proc/bus", "/proc/fs", "/proc/irq",
			    "/proc/sys", "/proc/sysrq-trigger"]
		} + (if $seccomp[0] == null then {} else {seccomp: $seccomp[0]} end))
	}' --args -- "$@" >"$b/config.json"
}

# _oci_alive PID: is PID (our own background job) still running?
_oci_alive() {
	kill -0 "$1" 2>/dev/null
}

oci_run() {
	local rt=$1 b=$2 secs=$3 id pid i=0 rc
	[ -n "$OCI_DIR" ] || { echo "oci_run: call oci_setup first" >&2
		return 99; }
	[ -f "$b/config.json" ] || { echo "oci_run: no $b/config.json" >&2
		return 99; }
	OCI_SEQ=$((OCI_SEQ + 1))
	id=sctui-$$-$OCI_SEQ
	echo "$rt $id" >>"$OCI_DIR/containers"
	_oci_wrap=${OCI_WRAP:-}
	_oci_cmd "$rt" run --bundle "$b" "$id" \
	    <"/dev/null" >"$b/stdout" 2>"$b/stderr" &
	pid=$!
	_oci_wrap=
	# A pid <= 1 here would be a bug; never signal it.
	[ "$pid" -gt 1 ] || return 99
	while _oci_alive "$pid"; do
		i=$((i + 1))
		if [ $i -gt $((secs * 50)) ]; then
			_oci_cmd "$rt" kill "$id" KILL >/dev/null 2>&1
			break
		fi
		sleep 0.02
	done
	wait "$pid"
	rc=$?
	[ $i -gt $((secs * 50)) ] && rc=124
	# Foreground run deletes the container at exit; this catches the rest.
	_oci_cmd "$rt" delete -f "$id" >/dev/null 2>&1
	sed -i "/ $id\$/d" "$OCI_DIR/containers"
	return $rc
}

# _oci_names FILE...: the names of assets/runtime files, one a line.
_oci_names() {
	[ $# -gt 0 ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$@"
}

oci_seccomp_from_docker() {
	local in=$1 out=$2 extra
	shift 2
	extra=$(_oci_names "$@" | jq -R . | jq -cs .) || return 99
	jq --argjson extra "$extra" '
	{
		defaultAction,
		architectures: (.architectures // []),
		syscalls: ([.syscalls[]? | {names, action}
		    + (if .errnoRet != null then {errnoRet} else {} end)
		    + (if .args != null then {args} else {} end)]
		    + (if ($extra | length) > 0
		       then [{names: ($extra | unique), action: "SCMP_ACT_ALLOW"}]
		       else [] end))
	}
	+ (if .defaultErrnoRet != null then {defaultErrnoRet} else {} end)
	' "$in" >"$out"
}

oci_seccomp_names() {
	local dflt=$1 out=$2 names
	shift 2
	names=$(printf '%s\n' "$@" | sed '/^$/d' | jq -R . | jq -cs 'unique')
	jq -n --arg dflt "$dflt" --argjson names "$names" '
	{
		defaultAction: $dflt,
		syscalls: [{names: $names, action: "SCMP_ACT_ALLOW"}]
	}
	+ (if $dflt == "SCMP_ACT_ERRNO" then {defaultErrnoRet: 1} else {} end)
	' >"$out"
}
