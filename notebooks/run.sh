#!/usr/bin/env bash
# Executes the notebooks headlessly against a finished run with a Java kernel (rapaio-jupyter-kernel from
# Maven Central) whose class path is the job's jar and its jars. Fails when a cell fails, when the kernel
# does not start or dies, or when an executed notebook shows something that looks like a raw identifier.
# Needs: Java 17, Maven, Debian packages jupyter-notebook python3-nbconvert python3-nbclient
# python3-ipykernel, and a built job (bin/leaktrace builds it).
#   notebooks/run.sh [OUT [NOTEBOOK...]]   run on a finished run (default out/demo, from bin/leaktrace demo)
#   notebooks/run.sh --demo [NOTEBOOK...]  first generate and run a small case into out/notebooks-demo
#                                          (LEAKTRACE_NB_PERSONS persons, default 300); what CI does
#   notebooks/run.sh --kernel              only fetch and build the kernel and its kernelspec (target/jupyter);
#                                          .ci/run does this before the tests, so that no Maven runs beside them
# Executed copies and the kernel's log go to OUT/notebooks/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kernel_version=3.0.1
jar="$root/jobs/target/leaktrace-jobs-0.1.0.jar"
lib="$root/jobs/target/lib"
t0=$SECONDS
# Debian's Python (a pyenv or venv python3 earlier on PATH does not see the Debian Jupyter packages)
py=${LEAKTRACE_PYTHON:-/usr/bin/python3}

prepare_kernel() {
  # The kernel, in target/jupyter (kept, so that Jupyter can use it interactively: see notebooks/README.md):
  # the runnable jar resolved by Maven, and our LoopThread compiled in front of it (it fixes the kernel's
  # start-up races; see notebooks/kernel/.../LoopThread.java).
  # Fetched once (-N: the parent pom only, not once per module).
  kdir="$root/target/jupyter"
  kernel_jar="$kdir/rapaio-jupyter-kernel-$kernel_version.jar"
  mkdir -p "$kdir"
  if [ ! -f "$kernel_jar" ]; then
    (cd "$root" && mvn -B -q -N dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version" \
       -DoutputDirectory="$kdir") > "$kdir/mvn.log" 2>&1 \
      || { cat "$kdir/mvn.log" >&2; echo "notebooks: could not fetch the kernel jar (log: $kdir/mvn.log)" >&2; exit 1; }
  fi
  rm -rf "$kdir/patch"
  javac -nowarn --release 17 -cp "$kernel_jar" -d "$kdir/patch" \
    "$root/notebooks/kernel/org/rapaio/jupyter/kernel/channels/LoopThread.java"

  # The kernelspec (JUPYTER_PATH, so nothing is installed for the user): the JVM gets Spark's --add-opens,
  # RJK_CLASSPATH (';'-separated globs) adds the job's jar and its dependencies, LEAKTRACE_JAVA_OPTS (as for
  # bin/leaktrace) more JVM options. LEAKTRACE_OUT comes from the environment of each run.
  spec="$kdir/kernels/leaktrace-java"
  mkdir -p "$spec"
  "$py" - "$spec/kernel.json" "$kdir/patch:$kernel_jar" "$jar;$lib/*.jar" "$root/conf" <<'PY'
import json, os, sys
path, classpath, rjk_classpath, conf = sys.argv[1:]
opens = ("-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector "
  "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED "
  "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED "
  "--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
  "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
  "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED "
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED "
  "--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED "
  "-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true").split()
json.dump({
  "argv": ["java", "-Xmx2g", *opens, "-Dlog4j2.configurationFile=" + conf + "/log4j2.properties",
           "-Dleaktrace.conf=" + conf, *os.environ.get("LEAKTRACE_JAVA_OPTS", "").split(), "-cp", classpath, "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
  "display_name": "Java (leaktrace)", "language": "java", "interrupt_mode": "message",
  "env": {"RJK_CLASSPATH": rjk_classpath, "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "",
          "RJK_TIMEOUT_MILLIS": "-1", "SPARK_LOCAL_IP": "127.0.0.1"}
}, open(path + ".tmp", "w"), indent=1)
PY
  mv "$spec/kernel.json.tmp" "$spec/kernel.json"
}

if [ "${1:-}" = "--kernel" ]; then
  prepare_kernel
  echo "notebooks: kernel and kernelspec ready in $kdir ($((SECONDS - t0)) s)" >&2
  exit 0
fi

if [ "${1:-}" = "--demo" ]; then
  shift
  out="$root/out/notebooks-demo"
  rm -rf "$out"; mkdir -p "$root/out"
  echo "notebooks: generating and running a case of ${LEAKTRACE_NB_PERSONS:-300} persons into $out" >&2
  "$root/bin/leaktrace" demo --persons "${LEAKTRACE_NB_PERSONS:-300}" --out "$out" > "$out.log" 2>&1 \
    || { tail -40 "$out.log" >&2; echo "notebooks: bin/leaktrace demo failed (log: $out.log)" >&2; exit 1; }
  echo "notebooks: case ready in $((SECONDS - t0)) s" >&2
else
  out="${1:-$root/out/demo}"
  shift || true
fi
out=$(cd "$out" && pwd)

[ -f "$out/exhibit/summary.json" ] || { echo "notebooks: no $out/exhibit/summary.json; run bin/leaktrace demo first" >&2; exit 2; }
[ -f "$jar" ] && [ -d "$lib" ] || { echo "notebooks: the job is not built; run bin/leaktrace demo (or mvn -DskipTests package)" >&2; exit 2; }
"$py" -c "import nbconvert, nbclient, ipykernel" 2>/dev/null || { echo "notebooks: Jupyter missing: apt-get install -y jupyter-notebook python3-nbconvert python3-nbclient python3-ipykernel" >&2; exit 2; }

prepare_kernel
export JUPYTER_PATH="$kdir" LEAKTRACE_OUT="$out"

mkdir -p "$out/notebooks"
if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=("$root"/notebooks/*.ipynb); fi
for nb in "${notebooks[@]}"; do
  nb=$(cd "$(dirname "$nb")" && pwd)/$(basename "$nb")
  name=$(basename "$nb" .ipynb)
  log="$out/notebooks/$name.log"
  t=$SECONDS
  echo "notebooks: executing $name.ipynb" >&2
  # nbconvert stops at the first failing cell and exits non-zero; the kernel starts in ~10 s (startup_timeout
  # 120 s fails a start that does not answer instead of waiting); the kernel's own output goes to the log
  if ! (cd "$root" && "$py" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=leaktrace-java \
       --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.startup_timeout=120 \
       --output-dir "$out/notebooks" "$nb") > "$log" 2>&1; then
    grep -v '^Add .* to classpath$' "$log" | tail -60 >&2
    echo "notebooks: $name.ipynb failed after $((SECONDS - t)) s (log: $log)" >&2
    exit 1
  fi
  echo "notebooks: $name.ipynb ran in $((SECONDS - t)) s" >&2
done

# Notebooks show tokens, masked values and aggregates only: fail on anything in an output that looks like
# a raw resident ID, mobile number, bank card or e-mail address.
"$py" - "$out/notebooks" "${notebooks[@]}" <<'PY'
import json, os, re, sys
folder, notebooks = sys.argv[1], sys.argv[2:]
raw = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|1[3-9]\d{9}|\d{16,19})(?![0-9A-Za-z])"
                 r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
bad = []
for nb in notebooks:
    cells = json.load(open(os.path.join(folder, os.path.basename(nb))))["cells"]
    for i, cell in enumerate(cells):
        for o in cell.get("outputs", []):
            texts = [o.get("text", "")] + list(o.get("data", {}).values()) + [o.get("evalue", "")] + o.get("traceback", [])
            for t in texts:
                t = "".join(t) if isinstance(t, list) else str(t)
                for m in raw.finditer(t):
                    bad.append("%s cell %d: %s" % (os.path.basename(nb), i, m.group(0)[:3] + "…"))
if bad:
    print("notebooks: outputs look like raw identifiers (show tokens, lt_mask or aggregates):\n  "
          + "\n  ".join(bad), file=sys.stderr)
    sys.exit(1)
PY
echo "notebooks: all cells ran, no raw identifier shown; executed copies in $out/notebooks ($((SECONDS - t0)) s)" >&2
