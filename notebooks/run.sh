#!/usr/bin/env bash
# Executes the notebooks headlessly against a finished run (default out/demo) with a Java kernel
# (rapaio-jupyter-kernel from Maven Central) whose classpath is the job's jar and its jars; fails when a
# cell fails. Needs: Java 17, Maven, Debian packages jupyter-notebook python3-nbconvert python3-nbclient
# python3-ipykernel, and a built job (bin/leaktrace demo builds it and writes out/demo).
#   notebooks/run.sh [OUT [NOTEBOOK...]]   executed copies go to OUT/notebooks/ (default: every notebook)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(cd "${1:-$root/out/demo}" && pwd)
kernel_version=3.0.1
jar="$root/jobs/target/leaktrace-jobs-0.1.0.jar"
lib="$root/jobs/target/lib"

[ -f "$out/exhibit/summary.json" ] || { echo "notebooks: no $out/exhibit/summary.json; run bin/leaktrace demo first" >&2; exit 2; }
[ -f "$jar" ] && [ -d "$lib" ] || { echo "notebooks: the job is not built; run bin/leaktrace demo (or mvn -DskipTests package)" >&2; exit 2; }
# Debian's Python (a pyenv or venv python3 earlier on PATH does not see the Debian Jupyter packages)
py=${LEAKTRACE_PYTHON:-/usr/bin/python3}
"$py" -c "import nbconvert, nbclient, ipykernel" 2>/dev/null || { echo "notebooks: Jupyter missing: apt-get install -y jupyter-notebook python3-nbconvert python3-nbclient python3-ipykernel" >&2; exit 2; }

# The kernel: a runnable jar resolved by Maven (from the local repository when already there).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && mvn -B -q dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version" \
   -DoutputDirectory="$work" -Dmdep.stripVersion=true)
kernel_jar="$work/rapaio-jupyter-kernel.jar"

# A private kernelspec (JUPYTER_PATH), so nothing is installed for the user: the JVM gets Spark's
# --add-opens, RJK_CLASSPATH (';'-separated globs) adds the job's jar and its dependencies.
spec="$work/jupyter/kernels/leaktrace-java"
mkdir -p "$spec"
"$py" - "$spec/kernel.json" "$kernel_jar" "$jar;$lib/*.jar" "$out" <<'PY'
import json, sys
path, kernel_jar, classpath, out = sys.argv[1:]
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
  "argv": ["java", "-Xmx2g", *opens, "-jar", kernel_jar, "{connection_file}"],
  "display_name": "Java (leaktrace)", "language": "java", "interrupt_mode": "message",
  "env": {"RJK_CLASSPATH": classpath, "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "",
          "RJK_TIMEOUT_MILLIS": "-1", "LEAKTRACE_OUT": out, "SPARK_LOCAL_IP": "127.0.0.1"}
}, open(path, "w"), indent=1)
PY
export JUPYTER_PATH="$work/jupyter"

mkdir -p "$out/notebooks"
shift || true
if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=("$root"/notebooks/*.ipynb); fi
for nb in "${notebooks[@]}"; do
  nb=$(cd "$(dirname "$nb")" && pwd)/$(basename "$nb")
  echo "notebooks: executing $(basename "$nb")" >&2
  # nbconvert stops at the first failing cell and exits non-zero
  (cd "$root" && "$py" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=leaktrace-java \
     --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.startup_timeout=900 --output-dir "$out/notebooks" "$nb")
done
echo "notebooks: all cells ran; executed copies in $out/notebooks" >&2
