/* wfl-scenario.h
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-model-types.h"
#include "wfl-schedule.h"
#include "wfl-uncertainty.h"

G_BEGIN_DECLS

/* Plain data records owned by a WflScenario.  Strings are owned (g_free);
 * NULL means "not given".  `line` is the line in the file the record came
 * from (0 when built in code) so that messages can say FILE:LINE. */

struct _WflSource
{
  char     *id;
  WflBasis  basis;
  char     *title;
  char     *date;     /* free text as in the file: "2023-07", "2023-11-28" */
  char     *url;
  int       line;
};

struct _WflOrder
{
  char          *id;
  double         quantity;
  WflDate        placed;
  WflDate        due;         /* WFL_DATE_NONE when none */
  int            priority;    /* default 1; lower first */
  char          *source;
  WflConfidence  confidence;
  int            line;
  /* Version 2, demand (docs/model.md "Products" and "Forecasts, order
   * inflation and cancellation"). */
  char          *product;     /* id of a <product>; NULL = any product the customer receives */
  WflDate        cancelled;   /* the unfilled rest is cancelled in this week; WFL_DATE_NONE = never */
};

/* A product customers order (version 2): what one unit of it is worth in
 * compute.  The products of a scenario share one compute unit. */
struct _WflProduct
{
  char          *id;
  char          *name;
  double         compute;     /* per unit, in the scenario's compute unit; NAN = not known */
  char          *source;
  WflConfidence  confidence;
  int            line;
};

/* What a customer expects to order (version 2): `rate` is units a week
 * from its first point on (0 before), of `product` (NULL = any);
 * suppliers plan for the orders expected within `horizon_weeks`. */
struct _WflForecast
{
  char          *product;
  int            horizon_weeks;
  WflSchedule   *rate;
  char          *source;
  WflConfidence  confidence;
  int            line;
};

/* A capacity expansion (version 2), under the node whose capacity grows:
 * ordered on a date, delivered after its lead time (or when its equipment
 * supplier has made its tools, then its lead time), then qualified; from
 * then on the node's capacity is `capacity` higher (docs/model.md). */
struct _WflExpansion
{
  WflDate        ordered;
  double         capacity;              /* added to the capacity a week */
  int            lead_weeks;            /* to delivery; with a supplier, after its tools */
  int            qualification_weeks;   /* delivery to the capacity step */
  char          *supplier;              /* an equipment node's id; NULL = none */
  double         tools;                 /* tools the supplier makes; default 1 */
  char          *source;
  WflConfidence  confidence;
  int            line;
};

struct _WflNode
{
  char          *id;
  WflNodeKind    kind;
  char          *name;
  char          *unit;
  char          *group;
  int            lead_weeks;
  WflSchedule   *yield;          /* NULL = 1 */
  WflSchedule   *capacity;       /* NULL = unlimited */
  WflAllocation  allocation;
  double         initial_rate;
  double         initial_stock;
  char          *note;
  char          *source;
  WflConfidence  confidence;
  GPtrArray     *orders;         /* of WflOrder*, customers only */
  int            line;
  /* version 2: allocation (docs/model.md "Allocation") */
  WflPeriod      quota_period;   /* the period of the quota policy; default quarter */
  GPtrArray     *grants;         /* of WflGrant*: quota moved between its out links */
  /* version 2: capacity (docs/model.md "Pools and expansions") */
  GPtrArray     *expansions;     /* of WflExpansion*, in document order */
  /* Version 2, demand. */
  char          *product;        /* id of the <product> its output is; NULL = none */
  WflSchedule   *booked_to_needed;  /* customers: booked / needed at an order's placing; NULL = 1 */
  GPtrArray     *forecasts;      /* of WflForecast*, customers only */
};

struct _WflLink
{
  char          *from;
  char          *to;
  char          *input;          /* NULL = the from id */
  double         per_unit;
  int            transit_weeks;
  int            cover_weeks;    /* weeks of the consumer's starts ordered ahead (safety time) */
  WflSchedule   *mix;            /* NULL = 1 */
  int            priority;
  double         share;
  char          *source;
  WflConfidence  confidence;
  int            line;
  /* version 2: allocation and availability (docs/model.md "Allocation") */
  WflSchedule   *weight;         /* NULL = 1 (weighted-fair-share) */
  WflSchedule   *quota;          /* units per period of the from-node (quota); NULL = none */
  WflSchedule   *availability;   /* step points of value 1 (opens) or 0 (closes); NULL = always open */
};

/* Quota moved from one outgoing link of a node with the quota policy to
 * another (version 2): in each of the node's periods from the one holding
 * `from` to the one holding `to` (default: `from`'s alone), the link to
 * `donor` gives up `quantity` of its quota and the link to `recipient`
 * receives it.  Donor and recipient are the ids of the links' to-nodes. */
struct _WflGrant
{
  char          *donor;
  char          *recipient;
  double         quantity;
  WflDate        from;
  WflDate        to;          /* WFL_DATE_NONE = the period of `from` only */
  char          *source;
  WflConfidence  confidence;
  int            line;
};

struct _WflPin
{
  char   *node;
  int     column;     /* -1 = not pinned to a column */
  double  position;   /* 0 top .. 1 bottom; NAN = not pinned vertically */
};

struct _WflViews
{
  gboolean      has_sankey;
  WflDate       sankey_from;
  WflDate       sankey_to;
  GPtrArray    *pins;           /* of WflPin* */
  gboolean      has_gantt;
  WflGanttMode  gantt_mode;
  WflZoom       gantt_zoom;
  WflDate       gantt_as_of;    /* WFL_DATE_NONE when not set */
  WflMeasure    measure;        /* version 2: units or compute */
};

/* One problem found by validation or loading. */
struct _WflProblem
{
  int   line;       /* 0 when not tied to a line */
  char *message;    /* translated, complete sentence without the FILE:LINE prefix */
};

WflProblem  *wfl_problem_new            (int          line,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (2, 3);
void         wfl_problem_free           (WflProblem  *problem);

WflSource   *wfl_source_new             (const char  *id) G_GNUC_WARN_UNUSED_RESULT;
WflSource   *wfl_source_copy            (const WflSource *self) G_GNUC_WARN_UNUSED_RESULT;
void         wfl_source_free            (WflSource   *self);
WflOrder    *wfl_order_new              (const char  *id,
                                         double       quantity,
                                         WflDate      placed) G_GNUC_WARN_UNUSED_RESULT;
WflOrder    *wfl_order_copy             (const WflOrder *self) G_GNUC_WARN_UNUSED_RESULT;
void         wfl_order_free             (WflOrder    *self);
WflNode     *wfl_node_new               (const char  *id,
                                         WflNodeKind  kind) G_GNUC_WARN_UNUSED_RESULT;
WflNode     *wfl_node_copy              (const WflNode *self) G_GNUC_WARN_UNUSED_RESULT;
void         wfl_node_free              (WflNode     *self);
const char  *wfl_node_get_display_name  (const WflNode *self);
WflLink     *wfl_link_new               (const char  *from,
                                         const char  *to) G_GNUC_WARN_UNUSED_RESULT;
WflLink     *wfl_link_copy              (const WflLink *self) G_GNUC_WARN_UNUSED_RESULT;
void         wfl_link_free              (WflLink     *self);
const char  *wfl_link_get_input         (const WflLink *self);
WflGrant    *wfl_grant_new              (const char  *donor,
                                         const char  *recipient,
                                         double       quantity,
                                         WflDate      from) G_GNUC_WARN_UNUSED_RESULT;
WflGrant    *wfl_grant_copy             (const WflGrant *self) G_GNUC_WARN_UNUSED_RESULT;
void         wfl_grant_free             (WflGrant    *self);
/* Whether an availability schedule leaves the link open in its week
 * `week` (docs/model.md "Availability"); NULL is always open. */
gboolean     wfl_availability_is_open   (const WflSchedule *availability,
                                         WflDate      start,
                                         int          week);
void         wfl_availability_evaluate  (const WflSchedule *availability,
                                         WflDate      start,
                                         int          weeks,
                                         double      *out);
WflPin      *wfl_pin_new                (const char  *node) G_GNUC_WARN_UNUSED_RESULT;
WflExpansion *wfl_expansion_new         (WflDate      ordered,
                                         double       capacity) G_GNUC_WARN_UNUSED_RESULT;
WflExpansion *wfl_expansion_copy        (const WflExpansion *self) G_GNUC_WARN_UNUSED_RESULT;
void         wfl_expansion_free         (WflExpansion *self);
void         wfl_pin_free               (WflPin      *self);
WflProduct  *wfl_product_new            (const char  *id) G_GNUC_WARN_UNUSED_RESULT;
WflProduct  *wfl_product_copy           (const WflProduct *self) G_GNUC_WARN_UNUSED_RESULT;
void         wfl_product_free           (WflProduct  *self);
const char  *wfl_product_get_display_name (const WflProduct *self);
WflForecast *wfl_forecast_new           (const char  *product,
                                         int          horizon_weeks) G_GNUC_WARN_UNUSED_RESULT;
WflForecast *wfl_forecast_copy          (const WflForecast *self) G_GNUC_WARN_UNUSED_RESULT;
void         wfl_forecast_free          (WflForecast *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflSource, wfl_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflOrder, wfl_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflNode, wfl_node_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflLink, wfl_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflGrant, wfl_grant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflProblem, wfl_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflExpansion, wfl_expansion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflProduct, wfl_product_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflForecast, wfl_forecast_free)

#define WFL_SCENARIO_ERROR (wfl_scenario_error_quark ())

typedef enum
{
  WFL_SCENARIO_ERROR_INVALID = 1,   /* the scenario breaks a rule of docs/model.md */
  WFL_SCENARIO_ERROR_PARSE,         /* the file is not well-formed or not a scenario */
  WFL_SCENARIO_ERROR_VERSION,       /* newer format-version */
  WFL_SCENARIO_ERROR_TOO_LARGE,
} WflScenarioError;

GQuark wfl_scenario_error_quark (void);

#define WFL_TYPE_SCENARIO (wfl_scenario_get_type ())

G_DECLARE_FINAL_TYPE (WflScenario, wfl_scenario, WFL, SCENARIO, GObject)

/* The calendar is week buckets from `start`: bucket t covers start + 7t ..
 * start + 7t + 6.  The default is 2023-01-02 for 52 weeks. */
WflScenario   *wfl_scenario_new              (void) G_GNUC_WARN_UNUSED_RESULT;
WflScenario   *wfl_scenario_copy             (WflScenario  *self) G_GNUC_WARN_UNUSED_RESULT;

const char    *wfl_scenario_get_title        (WflScenario  *self);
void           wfl_scenario_set_title        (WflScenario  *self,
                                              const char   *title);
const char    *wfl_scenario_get_description  (WflScenario  *self);
void           wfl_scenario_set_description  (WflScenario  *self,
                                              const char   *description);
WflDate        wfl_scenario_get_start        (WflScenario  *self);
int            wfl_scenario_get_weeks        (WflScenario  *self);
int            wfl_scenario_get_format_version (WflScenario *self);
void           wfl_scenario_set_format_version (WflScenario *self,
                                                int          version);
void           wfl_scenario_set_calendar     (WflScenario  *self,
                                              WflDate       start,
                                              int           weeks);
/* The line of <calendar> in the file it was read from (0 = none), for
 * the messages of validation. */
int            wfl_scenario_get_calendar_line (WflScenario *self);
void           wfl_scenario_set_calendar_line (WflScenario *self,
                                               int          line);
/* The same for <products> (version 2). */
int            wfl_scenario_get_products_line (WflScenario *self);
void           wfl_scenario_set_products_line (WflScenario *self,
                                               int          line);

/* Containers.  The scenario takes ownership of what is added.  Adding
 * does not validate: a scenario may hold invalid data (duplicate ids,
 * dangling references) until wfl_scenario_validate() says so. */
guint          wfl_scenario_get_n_sources    (WflScenario  *self);
WflSource     *wfl_scenario_get_source       (WflScenario  *self,
                                              guint         i);
void           wfl_scenario_add_source       (WflScenario  *self,
                                              WflSource    *source);
WflSource     *wfl_scenario_find_source      (WflScenario  *self,
                                              const char   *id);

guint          wfl_scenario_get_n_nodes      (WflScenario  *self);
WflNode       *wfl_scenario_get_node         (WflScenario  *self,
                                              guint         i);
void           wfl_scenario_add_node         (WflScenario  *self,
                                              WflNode      *node);
void           wfl_scenario_insert_node      (WflScenario  *self,
                                              guint         position,
                                              WflNode      *node);
WflNode       *wfl_scenario_remove_node      (WflScenario  *self,
                                              guint         i) G_GNUC_WARN_UNUSED_RESULT;
WflNode       *wfl_scenario_find_node        (WflScenario  *self,
                                              const char   *id);
int            wfl_scenario_find_node_index  (WflScenario  *self,
                                              const char   *id);

guint          wfl_scenario_get_n_links      (WflScenario  *self);
WflLink       *wfl_scenario_get_link         (WflScenario  *self,
                                              guint         i);
void           wfl_scenario_add_link         (WflScenario  *self,
                                              WflLink      *link);
void           wfl_scenario_insert_link      (WflScenario  *self,
                                              guint         position,
                                              WflLink      *link);
WflLink       *wfl_scenario_remove_link      (WflScenario  *self,
                                              guint         i) G_GNUC_WARN_UNUSED_RESULT;

WflViews      *wfl_scenario_get_views        (WflScenario  *self);
/* The uncertain figures, risk events and experiment settings (version 2;
 * never NULL, owned by the scenario). */
WflUncertainty *wfl_scenario_get_uncertainty (WflScenario  *self);

/* Version 2's references by node id, for edits that rename or remove a
 * node or link.  Grants name the to-nodes of their node's links: they
 * follow a renamed node (old_id → new_id), and go with a removed node or
 * link (the grants of node `from`, every node when NULL, that name
 * `to`).  The expansions whose tools old_id makes name new_id instead;
 * without a new id they keep their own lead time (and no tools). */
void           wfl_scenario_rename_in_grants (WflScenario  *self,
                                              const char   *old_id,
                                              const char   *new_id);
void           wfl_scenario_remove_grants_naming (WflScenario *self,
                                              const char   *from,
                                              const char   *to);
void           wfl_scenario_rename_supplier  (WflScenario  *self,
                                              const char   *old_id,
                                              const char   *new_id);

/* Products (version 2): in document order.  The compute unit names what
 * a product's `compute` counts ("TFLOPS (dense FP16)"); the reference
 * product, when set, is what compute is expressed in equivalents of
 * ("H100-equivalents"). */
guint          wfl_scenario_get_n_products   (WflScenario  *self);
WflProduct    *wfl_scenario_get_product      (WflScenario  *self,
                                              guint         i);
void           wfl_scenario_add_product      (WflScenario  *self,
                                              WflProduct   *product);
void           wfl_scenario_insert_product   (WflScenario  *self,
                                              guint         position,
                                              WflProduct   *product);
WflProduct    *wfl_scenario_remove_product   (WflScenario  *self,
                                              guint         i) G_GNUC_WARN_UNUSED_RESULT;
WflProduct    *wfl_scenario_find_product     (WflScenario  *self,
                                              const char   *id);
int            wfl_scenario_find_product_index (WflScenario *self,
                                              const char   *id);
const char    *wfl_scenario_get_compute_unit (WflScenario  *self);
void           wfl_scenario_set_compute_unit (WflScenario  *self,
                                              const char   *unit);
const char    *wfl_scenario_get_reference_product (WflScenario *self);
void           wfl_scenario_set_reference_product (WflScenario *self,
                                              const char   *id);

/* Call after changing records in place (the id index is rebuilt lazily);
 * emits ::changed. */
void           wfl_scenario_changed          (WflScenario  *self);

/* Validation: every problem at once, in document order (array of
 * WflProblem*; empty when valid).  wfl_scenario_check() wraps it into one
 * GError whose message lists the problems a line each. */
GPtrArray     *wfl_scenario_validate         (WflScenario  *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean       wfl_scenario_check            (WflScenario  *self,
                                              GError      **error);

G_END_DECLS
