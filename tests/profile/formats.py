"""tests/profile/formats.py - reads sctui's output formats back, for
tests/profile/formats.test, and builds the expected meaning of each from
the Docker JSON input independently of sctui: Docker's own rules for
includes/excludes, and libseccomp (its Python binding) for the filter.

    formats.py pfc-meaning PFC          what a PFC text does, one line per
                                        (arch, syscall) and per default
    formats.py pfc-ref JSON OUT         libseccomp's own PFC of the Docker
                                        JSON's filter, written to OUT
    formats.py k8s YAML JSON NAME       the SeccompProfile checked against
                                        the SPO CRD's fields, and against
                                        the Docker JSON, rule by rule
    formats.py systemd LINES JSON       the SystemCallFilter= names, groups
                                        expanded by systemd-analyze, equal
                                        the names the Docker JSON allows

Every Docker JSON is resolved as sctui resolves it by default: on x86_64
(Docker's "amd64"), on the running kernel, with every capability.
Exit 0 if it holds, 1 with the differences on stderr otherwise.
"""
import json
import os
import re
import subprocess
import sys

import seccomp
import yaml

NATIVE = "SCMP_ARCH_X86_64"
DOCKER_ARCH = "amd64"
ARCHES = {
    "SCMP_ARCH_X86_64": seccomp.Arch.X86_64,
    "SCMP_ARCH_X86": seccomp.Arch.X86,
    "SCMP_ARCH_X32": seccomp.Arch.X32,
}
OPS = {
    "SCMP_CMP_NE": seccomp.NE, "SCMP_CMP_LT": seccomp.LT,
    "SCMP_CMP_LE": seccomp.LE, "SCMP_CMP_EQ": seccomp.EQ,
    "SCMP_CMP_GE": seccomp.GE, "SCMP_CMP_GT": seccomp.GT,
    "SCMP_CMP_MASKED_EQ": seccomp.MASKED_EQ,
}
# The SPO v1beta1 SeccompProfile CRD (security-profiles-operator.x-k8s.io).
CRD_ACTIONS = {"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
               "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE",
               "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY"}
CRD_ARCHES = {"SCMP_ARCH_NATIVE", "SCMP_ARCH_X86", "SCMP_ARCH_X86_64",
              "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64",
              "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32",
              "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64",
              "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
              "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X",
              "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64"}
CRD_FLAGS = {"SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
             "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
             "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"}
CRD_SPEC = {"baseProfileName", "defaultAction", "architectures",
            "listenerPath", "listenerMetadata", "syscalls", "flags",
            "disabled"}
CRD_SYSCALL = {"names", "action", "errnoRet", "args"}
CRD_ARG = {"index", "value", "valueTwo", "op"}
DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")

problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def done():
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


# ---- the Docker JSON, resolved as Docker does --------------------------

def kernel():
    return tuple(int(x) for x in re.findall(r"\d+", os.uname().release)[:2])


def version(s):
    return tuple(int(x) for x in s.split(".")[:2])


def applies(e):
    exc = e.get("excludes") or {}
    inc = e.get("includes") or {}
    if DOCKER_ARCH in (exc.get("arches") or []):
        return False
    if exc.get("caps"):
        return False            # every capability is held
    if exc.get("minKernel") and kernel() >= version(exc["minKernel"]):
        return False
    if inc.get("arches") and DOCKER_ARCH not in inc["arches"]:
        return False
    if inc.get("minKernel") and kernel() < version(inc["minKernel"]):
        return False
    return True


def load(path):
    """(default action, default errno, arches, rules): each rule is
    (name, action, errno or None, args as sorted tuples)."""
    with open(path) as f:
        j = json.load(f)
    if "linux" in j:
        j = j["linux"]["seccomp"]
    arches = j.get("architectures") or []
    for m in j.get("archMap") or []:
        if m["architecture"] == NATIVE:
            arches = [NATIVE] + m.get("subArchitectures", [])
    rules = set()
    for e in j.get("syscalls") or []:
        if not applies(e):
            continue
        names = e.get("names") or [e["name"]]
        act = e["action"]
        if act == "SCMP_ACT_KILL":
            act = "SCMP_ACT_KILL_THREAD"
        err = e.get("errnoRet")
        if act in ("SCMP_ACT_ERRNO", "SCMP_ACT_TRACE") and err is None:
            err = 1
        args = tuple(sorted((a["index"], a["op"], a.get("value", 0),
                             a.get("valueTwo", 0)) for a in e.get("args") or []))
        for n in names:
            rules.add((n, act, err, args))
    derr = j.get("defaultErrnoRet")
    if j["defaultAction"] == "SCMP_ACT_ERRNO" and derr is None:
        derr = 1
    # What sctui adds to every profile it writes (sctui(1), -o): the calls
    # that can never be denied, and clone3 failing with ENOSYS where clone
    # is allowed and clone3 is not mentioned, as Docker's default does.
    if j["defaultAction"] != "SCMP_ACT_ALLOW":
        for n in ("exit", "exit_group", "rt_sigreturn", "restart_syscall"):
            rules.add((n, "SCMP_ACT_ALLOW", None, ()))
    named = {r[0] for r in rules}
    if "clone3" not in named and ("clone", "SCMP_ACT_ALLOW") in \
            {r[:2] for r in rules}:
        rules.add(("clone3", "SCMP_ACT_ERRNO", 38, ()))
    return j["defaultAction"], derr, sorted(set(arches) or {NATIVE}), rules


def action(act, err):
    if act == "SCMP_ACT_ERRNO":
        return seccomp.ERRNO(err)
    if act == "SCMP_ACT_TRACE":
        return seccomp.TRACE(err)
    return {
        "SCMP_ACT_ALLOW": seccomp.ALLOW, "SCMP_ACT_LOG": seccomp.LOG,
        "SCMP_ACT_TRAP": seccomp.TRAP,
        "SCMP_ACT_KILL_THREAD": seccomp.KILL,
        "SCMP_ACT_KILL_PROCESS": seccomp.KILL_PROCESS,
    }[act]


def pfc_ref(path, out):
    dact, derr, arches, rules = load(path)
    f = seccomp.SyscallFilter(action(dact, derr))
    for a in arches:
        if a != NATIVE:
            f.add_arch(ARCHES[a])
    for n, act, err, args in sorted(rules):
        if act == dact:
            continue            # libseccomp refuses it; runtimes skip it
        conds = [seccomp.Arg(i, OPS[op], v, v2) for i, op, v, v2 in args]
        try:
            f.add_rule(action(act, err), n, *conds)
        except (RuntimeError, ValueError, OSError):
            pass                # not a call here: runtimes skip it too
    with open(out, "w") as o:
        f.export_pfc(o)


# ---- PFC ---------------------------------------------------------------

def pfc_meaning(path):
    """Lines 'ARCH NR: body' and 'ARCH default: action', sorted: what the
    filter does per call, whatever the order libseccomp chose."""
    out, arch, key, body = [], "none", None, []

    def flush():
        # A syscall number of 2^31 or more never matches: libseccomp's
        # placeholder for a call the arch does not have.
        if key is not None and not (key.isdigit() and int(key) >= 1 << 31):
            out.append("%s %s: %s" % (arch, key, " / ".join(body)))

    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^# filter for arch \S+ \((\d+)\)$", line)
            if m:
                flush()
                arch, key, body = m.group(1), None, []
                continue
            m = re.match(r'^  # filter for syscall "[^"]*" \((\d+)\)', line)
            if m:
                flush()
                key, body = m.group(1), []
                continue
            if line.startswith("  # default action"):
                flush()
                key, body = "default", []
                continue
            if line.startswith("# invalid architecture action"):
                flush()
                arch, key, body = "invalid-arch", "action", []
                continue
            if line.startswith("#") or not line.strip():
                continue
            if key is None:
                continue        # the "if ($arch == N)" line itself
            if key != "default" and line.startswith("  if ($syscall =="):
                continue
            body.append(line.strip() if key in ("default", "action")
                        else line[4:])
    flush()
    for l in sorted(out):
        print(l)


# ---- k8s ---------------------------------------------------------------

def k8s(path, ref, name):
    with open(path) as f:
        docs = list(yaml.safe_load_all(f))
    check(len(docs) == 1, "k8s: %d YAML documents, not 1" % len(docs))
    y = docs[0]
    check(set(y) == {"apiVersion", "kind", "metadata", "spec"},
          "k8s: top-level keys %s" % sorted(y))
    check(y.get("apiVersion") == "security-profiles-operator.x-k8s.io/v1beta1",
          "k8s: apiVersion %r" % y.get("apiVersion"))
    check(y.get("kind") == "SeccompProfile", "k8s: kind %r" % y.get("kind"))
    md = y.get("metadata") or {}
    check(md.get("name") == name, "k8s: metadata.name %r, not %r" %
          (md.get("name"), name))
    check(isinstance(md.get("name"), str) and DNS1123.match(md["name"])
          and len(md["name"]) <= 253, "k8s: metadata.name is no DNS-1123 name")
    s = y.get("spec") or {}
    check(set(s) <= CRD_SPEC, "k8s: spec keys not in the CRD: %s" %
          sorted(set(s) - CRD_SPEC))
    check(s.get("defaultAction") in CRD_ACTIONS,
          "k8s: spec.defaultAction %r" % s.get("defaultAction"))
    check(isinstance(s.get("architectures", []), list) and
          set(s.get("architectures", [])) <= CRD_ARCHES,
          "k8s: spec.architectures %r" % s.get("architectures"))
    check(set(s.get("flags") or []) <= CRD_FLAGS, "k8s: spec.flags %r" %
          s.get("flags"))
    rules = set()
    for i, e in enumerate(s.get("syscalls") or []):
        w = "k8s: spec.syscalls[%d]" % i
        check(set(e) <= CRD_SYSCALL, "%s: keys %s" % (w, sorted(e)))
        check(isinstance(e.get("names"), list) and e["names"] and
              all(isinstance(n, str) for n in e["names"]), "%s.names" % w)
        check(e.get("action") in CRD_ACTIONS, "%s.action %r" %
              (w, e.get("action")))
        err = e.get("errnoRet")
        check(err is None or (type(err) is int and 0 <= err <= 4095),
              "%s.errnoRet %r" % (w, err))
        args = e.get("args") or []
        check(len(args) <= 6, "%s.args: %d, more than 6" % (w, len(args)))
        for a in args:
            check(set(a) <= CRD_ARG and "index" in a and "op" in a and
                  type(a["index"]) is int and 0 <= a["index"] <= 5 and
                  a["op"] in OPS and
                  all(type(a.get(k, 0)) is int and a.get(k, 0) >= 0
                      for k in ("value", "valueTwo")), "%s.args %r" % (w, a))
        act = e.get("action")
        if act == "SCMP_ACT_KILL":
            act = "SCMP_ACT_KILL_THREAD"
        if act in ("SCMP_ACT_ERRNO", "SCMP_ACT_TRACE") and err is None:
            err = 1
        t = tuple(sorted((a["index"], a["op"], a.get("value", 0),
                          a.get("valueTwo", 0)) for a in args))
        for n in e.get("names") or []:
            rules.add((n, act, err, t))
    dact, derr, arches, want = load(ref)
    check(s.get("defaultAction") == dact, "k8s: defaultAction %r, want %r" %
          (s.get("defaultAction"), dact))
    check(sorted(s.get("architectures") or []) == arches,
          "k8s: architectures %r, want %r" % (s.get("architectures"), arches))
    # A rule whose action is the default one changes nothing.
    want = {r for r in want if r[1] != dact}
    rules = {r for r in rules if r[1] != dact}
    for r in sorted(want - rules):
        problems.append("k8s: lacks %r" % (r,))
    for r in sorted(rules - want):
        problems.append("k8s: has %r, not in the input" % (r,))
    done()


# ---- systemd -----------------------------------------------------------

def sd_group(g, seen):
    if g in seen:
        return seen[g]
    seen[g] = set()
    out = subprocess.run(["systemd-analyze", "syscall-filter", "--no-pager", g],
                         capture_output=True, text=True, check=True).stdout
    names = set()
    for l in out.splitlines()[1:]:
        l = l.strip()
        if not l or l.startswith("#"):
            continue
        names |= sd_group(l, seen) if l.startswith("@") else {l}
    seen[g] = names
    return names


def on_arches(names, arches):
    """The names that are a system call on one of arches."""
    return {n for n in names
            if any(seccomp.resolve_syscall(ARCHES[a], n) >= 0 for a in arches)}


def systemd(path, ref):
    filt, sdarch = None, None
    with open(path) as f:
        for l in f:
            l = l.rstrip("\n")
            if l.startswith("SystemCallFilter="):
                check(filt is None, "systemd: two SystemCallFilter= lines")
                filt = l.split("=", 1)[1].split()
            elif l.startswith("SystemCallArchitectures="):
                sdarch = l.split("=", 1)[1].split()
    check(filt is not None and not filt[0].startswith("~"),
          "systemd: no allow-list SystemCallFilter= line")
    dact, derr, arches, rules = load(ref)
    sdnames = {"SCMP_ARCH_X86_64": "x86-64", "SCMP_ARCH_X86": "x86",
               "SCMP_ARCH_X32": "x32"}
    check(sorted(sdarch or []) == sorted(sdnames[a] for a in arches),
          "systemd: SystemCallArchitectures=%s, want %s" %
          (sdarch, [sdnames[a] for a in arches]))
    seen, got = {}, set()
    for w in filt or []:
        got |= sd_group(w, seen) if w.startswith("@") else {w}
    # Allowed, whatever the arguments (systemd cannot look at them);
    # anything else gets the default action.
    want = {n for n, act, _, _ in rules if act in ("SCMP_ACT_ALLOW", "SCMP_ACT_LOG")}
    got, want = on_arches(got, arches), on_arches(want, arches)
    for n in sorted(want - got):
        problems.append("systemd: %s is allowed by the input, not by the line" % n)
    for n in sorted(got - want):
        problems.append("systemd: %s is allowed by the line, not by the input" % n)
    done()


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "pfc-meaning" and len(sys.argv) == 3:
        pfc_meaning(sys.argv[2])
    elif cmd == "pfc-ref" and len(sys.argv) == 4:
        pfc_ref(sys.argv[2], sys.argv[3])
    elif cmd == "k8s" and len(sys.argv) == 5:
        k8s(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "systemd" and len(sys.argv) == 4:
        systemd(sys.argv[2], sys.argv[3])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
