/* Console verdicts of the bare-metal guest tests, the same on every machine: silent checks in
 * named groups ("<group>: ok", or the failing line and values), checks that print their value
 * ("<what>: <value>"), and the final PASS. A failure prints one line and ends the run through
 * the test finisher with a nonzero code. */
#pragma once
#include <stdint.h>
#include <stdio.h>

#include "memvp/rt.h"

void guest_group(const char *name);          /* starts a group of checks */
void guest_group_ok(void);                   /* prints "<group>: ok" */
const char *guest_group_name(void);          /* the current group, "" before the first */
void guest_check_at(int line, const char *what, uint64_t got, uint64_t expected);
__attribute__((noreturn)) void guest_fail(int line, const char *what);

#define CHECK(expr, expected) \
  guest_check_at(__LINE__, #expr, (uint64_t)(expr), (uint64_t)(expected))
#define CHECK_TRUE(cond) ((cond) ? (void)0 : guest_fail(__LINE__, #cond))

/* Prints "<what>: <got>" when got == expected, else "<what>: FAIL expected X got Y" and
 * exits with code 1. */
void guest_report(const char *what, uint64_t got, uint64_t expected);
/* Prints "<what>: ok", or "<what>: FAIL" and exits with code 1. */
void guest_report_ok(const char *what, int cond);

int guest_pass(void);                        /* prints PASS; returns 0 for main */
