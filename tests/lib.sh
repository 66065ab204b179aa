# Shared by the shell tests: expect NAME WANT_RC PATTERN -- command... runs the command and
# checks its exit status and that its output matches PATTERN (grep -E); counts in
# $passed / $failed.
passed=0 failed=0

expect() {
    local name=$1 want_rc=$2 pattern=$3
    shift 4
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -eq "$want_rc" ] && grep -qE -- "$pattern" <<<"$out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name: exit $rc (want $want_rc), output:"
        sed 's/^/    /' <<<"$out" | head -20
    fi
}
