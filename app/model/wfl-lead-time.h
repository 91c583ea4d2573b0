/* wfl-lead-time.h: the quoted lead time by order week (docs/model.md)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-scenario.h"

G_BEGIN_DECLS

/* The size of the probe order, in the customer's unit: one unit, or
 * 1 / WFL_PROBE_SHARE_DIVISOR of what the customer orders in all, rounded up to whole
 * units, when that is more (validation refuses an order below a millionth
 * of its customer's total as too small to tell apart from rounding). */
#define WFL_PROBE_QUANTITY 1.0
#define WFL_PROBE_SHARE_DIVISOR 100000.0

/* The quoted lead time of one customer by order week: for every week w of
 * [from_week, to_week], the weeks from w to the week a probe order
 * (of wfl_lead_time_probe_quantity() units, placed on week w's first day, priority 1, no
 * due date, after the customer's own orders) would be filled, were it
 * added to the scenario; -1 when it would not be filled within the
 * calendar.  Every probe is a whole simulation of its own (docs/model.md,
 * "Quoted lead time"). */
typedef struct
{
  char  *customer;     /* the customer's id */
  double probe_quantity;
  int    from_week;
  int    to_week;
  int   *lead_weeks;   /* to_week − from_week + 1 values; -1: never filled */
} WflLeadTimeQuote;

/* Runs one probe simulation per week of the window (clamped to the
 * calendar), on every processor, each from a copy of the scenario.  The
 * scenario must be valid (wfl_scenario_check()) and must not change while
 * this runs (take a copy to run it in a thread).  G_IO_ERROR_CANCELLED
 * when cancelled; G_IO_ERROR_NOT_FOUND when customer is not a customer. */
WflLeadTimeQuote *wfl_lead_time_quote_new  (WflScenario      *scenario,
                                            const char       *customer,
                                            int               from_week,
                                            int               to_week,
                                            GCancellable     *cancellable,
                                            GError          **error) G_GNUC_WARN_UNUSED_RESULT;
void              wfl_lead_time_quote_free (WflLeadTimeQuote *self);

/* The lead time quoted to an order placed in week (-1 outside the window
 * or never filled). */
int               wfl_lead_time_quote_get  (const WflLeadTimeQuote *self,
                                            int               week);

/* The probe's size for a customer (see WFL_PROBE_SHARE_DIVISOR). */
double            wfl_lead_time_probe_quantity (WflScenario  *scenario,
                                            const char       *customer);
/* The probe order of the customer placed in week, as the quote simulates
 * it, for a caller that adds it to a scenario itself (the tests): its id
 * is not taken by any order of the scenario. */
WflOrder         *wfl_lead_time_probe_new  (WflScenario      *scenario,
                                            const char       *customer,
                                            int               week) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflLeadTimeQuote, wfl_lead_time_quote_free)

G_END_DECLS
