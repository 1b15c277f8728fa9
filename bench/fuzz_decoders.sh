#!/usr/bin/env bash
# The long fuzz run: a million mutants of real images and model files through convkit's decoders, in
# one process on every core (cli's test class org.convkit.cli.hostile.DecoderFuzz, the same checks as
# DecoderPropertiesTest). Prints the counts and each kind of failure; failing mutants are kept under
# bench/out/fuzz/ with the seed that makes them again. Exit 1 when anything failed.
#
#   bench/fuzz_decoders.sh [MUTANTS] [SEED]        # default 1000000 1
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. bin/find-jdk.sh
convkit_find_jdk
# One reactor run: the sibling modules resolve to their compiled classes, which the -cp below lists first.
./mvnw -B -q -pl cli -am test-compile dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test -DexcludeGroupIds=org.convkit >/dev/null
lscpu | sed -n 's/^Model name: *//p' | head -1 | sed 's/^/cpu: /'
cd cli   # the tests find testdata/ from here; the sibling modules' classes come before any installed jar of theirs
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx8g \
    -cp "target/test-classes:target/classes:../filters/target/classes:../io/target/classes:../io/target/test-classes:../features/target/classes:../cnn/target/classes:$(cat target/test.classpath)" \
    org.convkit.cli.hostile.DecoderFuzz "${1:-1000000}" "${2:-1}" "$root/bench/out/fuzz"
