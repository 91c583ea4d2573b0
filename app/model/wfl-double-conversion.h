/* wfl-double-conversion.h: the C shim over Google's double-conversion
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the model layer: files use wfl_format_double() and
 * wfl_parse_double() (wfl-model-types.h), which are made of these.
 */

#pragma once

#ifdef __cplusplus
extern "C" {
#endif

/* Room for the digits of a double and the terminating NUL. */
#define WFL_DC_DIGITS_SIZE 18

/* The shortest digits that read back to |value| (finite, not zero):
 * |value| = 0.DIGITS × 10^point.  Among the shortest, the nearest to
 * |value|.  Returns the number of digits (1 to 17), with no trailing
 * zeros; digits is NUL-terminated. */
int    wfl_dc_shortest (double      value,
                        char       *digits,
                        int        *point);

/* The same digits (but where two shortest strings are exactly as near,
 * the one with the even last digit) by {fmt}'s Dragonbox, a few times
 * faster than double-conversion's Grisu; wfl_dc_shortest() is kept as
 * its reference (tests/model/test-number.c). */
int    wfl_fmt_shortest (double      value,
                         char       *digits,
                         int        *point);

/* The correctly rounded double of text[0..length): decimal digits with
 * an optional sign, point and exponent, nothing else.  *processed is
 * the number of characters read (length when all of it is a number);
 * out of range gives ±inf or ±0 as strtod() does. */
double wfl_dc_strtod   (const char *text,
                        int         length,
                        int        *processed);

/* The correctly rounded double nearest to the integer
 * digits[0..n_digits) × 10^exponent; digits are '0' to '9', without
 * leading or trailing zeros (n_digits > 0). */
double wfl_dc_strtod_digits (const char *digits,
                             int         n_digits,
                             int         exponent);

#ifdef __cplusplus
}
#endif
