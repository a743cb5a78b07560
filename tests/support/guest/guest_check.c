/* Check groups, printed checks and the final verdict of the bare-metal guest tests (see
 * guest_check.h). Output is the same on every machine: names, values and "ok", and on
 * failure the line, the expression and the expected and actual values. */
#include "guest_check.h"

static const char *group_name = "";

void guest_group(const char *name)
{
  group_name = name;
}

const char *guest_group_name(void)
{
  return group_name;
}

void guest_group_ok(void)
{
  printf("%s: ok\n", group_name);
}

void guest_fail(int line, const char *what)
{
  printf("%s: FAIL line %d: %s\n", group_name, line, what);
  rt_exit(1);
}

void guest_check_at(int line, const char *what, uint64_t got, uint64_t expected)
{
  if (got == expected)
    return;
  printf("%s: FAIL line %d: %s: expected 0x%lx got 0x%lx\n", group_name, line, what,
         (unsigned long)expected, (unsigned long)got);
  rt_exit(1);
}

void guest_report(const char *what, uint64_t got, uint64_t expected)
{
  if (got == expected) {
    printf("%s: %lu\n", what, (unsigned long)got);
    return;
  }
  printf("%s: FAIL expected %lu got %lu\n", what, (unsigned long)expected, (unsigned long)got);
  rt_exit(1);
}

void guest_report_ok(const char *what, int cond)
{
  if (cond) {
    printf("%s: ok\n", what);
    return;
  }
  printf("%s: FAIL\n", what);
  rt_exit(1);
}

int guest_pass(void)
{
  printf("PASS\n");
  return 0;
}
