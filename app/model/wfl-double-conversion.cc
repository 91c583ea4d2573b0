// wfl-double-conversion.cc: the C shim over Google's double-conversion
//
// Copyright 2026 The Waferline Authors
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The only C++ of the model layer: functions with C linkage over the
// library's digit generator and string-to-double converter, and over the
// shortest digits of {fmt}'s Dragonbox (header-only: nothing to link).  The
// text around the digits (the %g form of the files) is made in C, in
// wfl-number.c; see there for why the digits are exactly printf's.

#include "wfl-double-conversion.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include <double-conversion/double-to-string.h>
#include <double-conversion/string-to-double.h>
#include <double-conversion/strtod.h>

#define FMT_HEADER_ONLY
#include <fmt/format.h>

using double_conversion::DoubleToStringConverter;
using double_conversion::StringToDoubleConverter;
using double_conversion::Vector;

int
wfl_dc_shortest (double  value,
                 char   *digits,
                 int    *point)
{
  bool sign;
  int length;

  DoubleToStringConverter::DoubleToAscii (value, DoubleToStringConverter::SHORTEST, 0,
                                          digits, WFL_DC_DIGITS_SIZE, &sign, &length, point);
  return length;
}

// Two decimal digits at a time.
static const char digit_pairs[] =
  "0001020304050607080910111213141516171819"
  "2021222324252627282930313233343536373839"
  "4041424344454647484950515253545556575859"
  "6061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

// The 8 digits of v < 10^8, leading zeros included, at out.
static inline void
put_8_digits (char          *out,
              std::uint32_t  v)
{
  std::uint32_t high = v / 10000, low = v % 10000;

  std::memcpy (out, digit_pairs + 2 * (high / 100), 2);
  std::memcpy (out + 2, digit_pairs + 2 * (high % 100), 2);
  std::memcpy (out + 4, digit_pairs + 2 * (low / 100), 2);
  std::memcpy (out + 6, digit_pairs + 2 * (low % 100), 2);
}

int
wfl_fmt_shortest (double  value,
                  char   *digits,
                  int    *point)
{
  // significand × 10^exponent, the significand without trailing zeros
  // (at most 17 digits: fewer than 10^17).
  auto decimal = fmt::detail::dragonbox::to_decimal (std::fabs (value));
  std::uint64_t s = decimal.significand;
  int n = fmt::detail::count_digits (s);
  char all[24];

  // All 24 digits (in blocks of 8, with 32-bit divisions), then the last n.
  put_8_digits (all + 16, static_cast<std::uint32_t> (s % 100000000));
  s /= 100000000;
  put_8_digits (all + 8, static_cast<std::uint32_t> (s % 100000000));
  put_8_digits (all, static_cast<std::uint32_t> (s / 100000000));
  std::memcpy (digits, all + 24 - n, n);
  digits[n] = '\0';
  *point = decimal.exponent + n;
  return n;
}

double
wfl_dc_strtod (const char *text,
               int         length,
               int        *processed)
{
  // Nothing but decimal numbers: no hex, octal, spaces, junk or symbols.
  static const StringToDoubleConverter converter (StringToDoubleConverter::NO_FLAGS,
                                                  NAN, NAN, nullptr, nullptr);

  return converter.StringToDouble (text, length, processed);
}

double
wfl_dc_strtod_digits (const char *digits,
                      int         n_digits,
                      int         exponent)
{
  return double_conversion::Strtod (Vector<const char> (digits, n_digits), exponent);
}
