// wfl-double-conversion.cc: the C shim over Google's double-conversion
//
// Copyright 2026 The Waferline Authors
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The only C++ of the model layer: three functions with C linkage over
// the library's digit generator and string-to-double converter.  The
// text around the digits (the %g form of the files) is made in C, in
// wfl-number.c; see there for why the digits are exactly printf's.

#include "wfl-double-conversion.h"

#include <cmath>

#include <double-conversion/double-to-string.h>
#include <double-conversion/string-to-double.h>
#include <double-conversion/strtod.h>

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
