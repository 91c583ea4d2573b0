/* wfl-validate-private.h
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The longest calendar validation accepts: about 190 years of weeks, far
 * beyond any plan, small enough that node × week arrays stay bounded. */
#define WFL_MAX_WEEKS 10000
