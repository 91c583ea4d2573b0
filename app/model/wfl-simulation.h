/* wfl-simulation.h: the weekly simulation of docs/model.md and its results
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-scenario.h"

G_BEGIN_DECLS

/* Life cycle
 * ----------
 * wfl_simulation_new() validates a scenario and compiles it into flat
 * arrays (node × week, link × week).  The simulation keeps no reference to
 * the scenario: edit or free the scenario at will, a simulation is a
 * snapshot.  wfl_simulation_run() (or _run_async() in a worker thread)
 * then computes the results; every accessor below is valid only after a
 * successful run (wfl_simulation_has_run()), and must not be called while
 * an asynchronous run is in progress.  Running twice gives bit-identical
 * results.
 *
 * Indices
 * -------
 * Nodes, links and orders are numbered in document order: node i is
 * wfl_scenario_get_node (scenario, i), link i is wfl_scenario_get_link
 * (scenario, i), and orders are numbered customer by customer, each
 * customer's orders in document order.  Weeks are calendar buckets
 * 0 … n_weeks − 1 (wfl_week_of_date()).  Week windows are inclusive
 * [from_week, to_week] and are clamped to the calendar.
 *
 * Per node and week, the series (see WflSeries) follow docs/model.md:
 * for a customer, `desired` is its open need (ordered so far − received −
 * in transit) before this week's deliveries, `completed` what it received
 * this week and `stock` everything it has received so far; its capacity,
 * starts, WIP and utilisation are 0/NAN. */

typedef enum
{
  WFL_SERIES_CAPACITY,     /* capacity(t); NAN when unlimited (customers too) */
  WFL_SERIES_DESIRED,      /* D = min (capacity, S); customers: open need */
  WFL_SERIES_REQUIREMENT,  /* S, every start still needed for outstanding orders */
  WFL_SERIES_STARTS,       /* units started this week */
  WFL_SERIES_COMPLETED,    /* good units completed into stock (customers: received) */
  WFL_SERIES_STOCK,        /* finished units held at the end of the week */
  WFL_SERIES_WIP,          /* units started and not yet completed, end of week */
  WFL_SERIES_UTILISATION,  /* starts / capacity; NAN when unlimited or capacity 0 */
  WFL_SERIES_SHIPPED,      /* units shipped on all outgoing links this week */
  WFL_N_SERIES,
} WflSeries;

/* What held a node's starts back in a week (docs/model.md, step 3). */
typedef enum
{
  WFL_BINDING_NONE,        /* customers */
  WFL_BINDING_DEMAND,      /* it started its whole requirement S */
  WFL_BINDING_CAPACITY,    /* capacity held it back (also wins a tie with an input) */
  WFL_BINDING_INPUT,       /* an input line held it back; see wfl_simulation_get_binding() */
} WflBinding;

/* An order's timeline (docs/model.md, "Lots and order timelines") runs
 * from the week it was placed to the week it was filled, and every week
 * of it falls in exactly one of these categories. */
typedef enum
{
  WFL_TIMELINE_ALLOCATION,  /* waiting for its turn: nothing of its last units had started */
  WFL_TIMELINE_STOCK,       /* units made before the order still completing their stage */
  WFL_TIMELINE_WORK,        /* production stages started for the order */
  WFL_TIMELINE_WAIT,        /* waits between stages: held in a stock, queueing at a stage */
  WFL_TIMELINE_TRANSIT,     /* shipping between two stages */
  WFL_N_TIMELINE,
} WflTimelineCategory;

/* What a row of an order's timeline stands for. */
typedef enum
{
  WFL_STAGE_KIND_STOCK,     /* the stock (or work) made before the order its last units came from */
  WFL_STAGE_KIND_WORK,      /* a production stage started at or after the order was placed */
  WFL_STAGE_KIND_CUSTOMER,  /* the delivery: the customer, start = end = the fill week */
} WflStageKind;

/* One row of an order's timeline, upstream first; no row starts before
 * the order's placed week.  At most one STOCK row comes first: node is
 * the last stage that had started the order's last units before the
 * order was placed, start_week the placed week, end_week the later of the
 * placed week and the week those units completed there (made_week, which
 * may be earlier, or negative: before the calendar).  Then a WORK row per
 * later stage, start_week to end_week (start + lead weeks), and last the
 * CUSTOMER row, start = end = the fill week.
 *
 * wait_before_weeks = start_week − the previous row's end_week (or the
 * placed week for the first row) = allocation_weeks + wait_weeks +
 * transit_weeks.  allocation_weeks is only on the first row when it is
 * not a STOCK row: the weeks before anything of the last units started.
 * Between two rows the material was held in the previous stage's stock
 * until shipped_week, in transit until arrived_week, and waiting at this
 * stage until start_week; shipped_week and arrived_week are clipped to the
 * previous row's end (so never before placement): held + waiting at the
 * stage are wait_weeks, arrived − shipped is transit_weeks.  So the rows'
 * wait_before_weeks plus their end − start add up to filled − placed. */
typedef struct
{
  guint         node;
  WflStageKind  kind;
  int           start_week;
  int           end_week;
  int           arrived_week;
  int           shipped_week;
  int           made_week;          /* end_week, except on a STOCK row (see above) */
  int           wait_before_weeks;
  int           allocation_weeks;
  int           wait_weeks;
  int           transit_weeks;
} WflStage;

/* The result for one order.  Weeks are -1 when not applicable.  The stage
 * timeline is that of the lot that completed the order (the last units to
 * arrive, the critical path of its delivery); see docs/model.md.
 * timeline_weeks[c] is the number of weeks in category c, from the rows;
 * for a filled order they add up to filled_week − placed_week, and they
 * are all 0 for an order never filled. */
typedef struct
{
  guint           customer;          /* node index */
  const char     *id;
  double          quantity;
  WflDate         placed;            /* the order's dates as in the scenario */
  WflDate         due;               /* WFL_DATE_NONE when none */
  int             placed_week;       /* -1: placed after the calendar; 0 for dates before it */
  int             due_week;          /* -1: no due date */
  int             filled_week;       /* -1: never filled within the calendar */
  double          delivered;         /* received for this order by the end */
  double          delivered_by_due;  /* received by the end of its due week; NAN without due */
  int             lateness_weeks;    /* filled − due; valid when filled and due >= 0 */
  guint           n_stages;          /* 0 when never filled */
  const WflStage *stages;
  int             timeline_weeks[WFL_N_TIMELINE];
  /* Version 2, demand (docs/model.md "Forecasts, order inflation and
   * cancellation").  An order is filled when it has received its needed
   * quantity (quantity / its customer's booked-to-needed ratio when it
   * was placed); the rest of what it booked is then cancelled in the
   * week it was filled.  An order cancelled on a date before it was
   * filled is never filled: its rest is cancelled in that week. */
  int             sku;               /* product (wfl_simulation_get_n_skus()); -1: any */
  double          needed;
  double          cancelled;         /* booked quantity never delivered and cancelled; 0 when none */
  int             cancelled_week;    /* -1: nothing cancelled (yet) */
} WflOrderResult;

#define WFL_SIMULATION_ERROR (wfl_simulation_error_quark ())

typedef enum
{
  WFL_SIMULATION_ERROR_TOO_LARGE = 1,   /* needs more memory than is available */
} WflSimulationError;

GQuark wfl_simulation_error_quark (void);

#define WFL_TYPE_SIMULATION (wfl_simulation_get_type ())

G_DECLARE_FINAL_TYPE (WflSimulation, wfl_simulation, WFL, SIMULATION, GObject)

/* Validates (WFL_SCENARIO_ERROR_INVALID, the message listing every
 * problem a line each), estimates the memory the simulation and its run
 * need (WFL_SIMULATION_ERROR_TOO_LARGE when they do not fit, saying how
 * much) and compiles.  Does not run. */
WflSimulation  *wfl_simulation_new                 (WflScenario          *scenario,
                                                    GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* An experiment's change of one node's capacity (docs/model.md,
 * "Experiments"): × factor in the weeks from_week … to_week − 1, the
 * node's expansions included; a factor of 0 stops the node in those
 * weeks even when its capacity is unlimited.  Edits of one node multiply. */
typedef struct
{
  guint   node;
  int     from_week;
  int     to_week;
  double  factor;
} WflCapacityEdit;

/* wfl_simulation_new() with the capacity edits compiled in: the same as
 * a scenario whose capacity schedules give those weekly values. */
WflSimulation  *wfl_simulation_new_with_edits      (WflScenario          *scenario,
                                                    const WflCapacityEdit *edits,
                                                    guint                 n_edits,
                                                    GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Runs the whole calendar.  G_IO_ERROR_CANCELLED when cancelled (checked
 * every few weeks); results are then unavailable. */
gboolean        wfl_simulation_run                 (WflSimulation        *self,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
/* The same results without tracking lots: every order result has
 * n_stages 0 and no timeline.  Faster; what the experiments run. */
gboolean        wfl_simulation_run_without_timelines (WflSimulation      *self,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void            wfl_simulation_run_async           (WflSimulation        *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        wfl_simulation_run_finish          (WflSimulation        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
gboolean        wfl_simulation_has_run             (WflSimulation        *self);

/* Calendar */
WflDate         wfl_simulation_get_start           (WflSimulation        *self);
int             wfl_simulation_get_n_weeks         (WflSimulation        *self);
WflDate         wfl_simulation_get_week_date       (WflSimulation        *self,
                                                    int                   week);

/* Nodes (available before running) */
guint           wfl_simulation_get_n_nodes         (WflSimulation        *self);
int             wfl_simulation_find_node           (WflSimulation        *self,
                                                    const char           *id);
const char     *wfl_simulation_get_node_id         (WflSimulation        *self,
                                                    guint                 node);
const char     *wfl_simulation_get_node_name       (WflSimulation        *self,
                                                    guint                 node);
const char     *wfl_simulation_get_node_unit       (WflSimulation        *self,
                                                    guint                 node);
WflNodeKind     wfl_simulation_get_node_kind       (WflSimulation        *self,
                                                    guint                 node);
int             wfl_simulation_get_node_lead_weeks (WflSimulation        *self,
                                                    guint                 node);
gboolean        wfl_simulation_node_has_capacity   (WflSimulation        *self,
                                                    guint                 node);
/* Position of the node in the simulation's topological order. */
guint           wfl_simulation_get_node_rank       (WflSimulation        *self,
                                                    guint                 node);

/* Links (available before running) */
guint           wfl_simulation_get_n_links         (WflSimulation        *self);
guint           wfl_simulation_get_link_from       (WflSimulation        *self,
                                                    guint                 link);
guint           wfl_simulation_get_link_to         (WflSimulation        *self,
                                                    guint                 link);
int             wfl_simulation_get_link_transit    (WflSimulation        *self,
                                                    guint                 link);
/* The name of the bill-of-materials line the link feeds: its `input`, or
 * its from-id. */
const char     *wfl_simulation_get_link_input      (WflSimulation        *self,
                                                    guint                 link);

/* Per node and week.  get_node_series() copies the n_weeks values into
 * out (the results are stored week by week, as the simulation makes
 * them; capacity, desired, WIP, utilisation and shipped are derived from
 * the stored series on each call). */
void            wfl_simulation_get_node_series     (WflSimulation        *self,
                                                    guint                 node,
                                                    WflSeries             series,
                                                    double               *out);
double          wfl_simulation_get_node_value      (WflSimulation        *self,
                                                    guint                 node,
                                                    WflSeries             series,
                                                    int                   week);
/* The binding constraint; for WFL_BINDING_INPUT, *input (if not NULL)
 * receives the line's name (its `input`, or its single link's from-id),
 * else NULL. */
WflBinding      wfl_simulation_get_binding         (WflSimulation        *self,
                                                    guint                 node,
                                                    int                   week,
                                                    const char          **input);
/* The weeks in the window the node was capacity-bound while what it made
 * was wanted at once: a consumer was held back by its line, or a customer
 * it feeds was short.  A supplier at capacity that only builds up stock in
 * front of a downstream bottleneck does not count. */
guint           wfl_simulation_count_limiting_weeks (WflSimulation       *self,
                                                    guint                 node,
                                                    int                   from_week,
                                                    int                   to_week);
/* The number of weeks in the window the node was capacity-bound
 * (binding = capacity: downstream still needed more than it could start). */
guint           wfl_simulation_count_bound_weeks   (WflSimulation        *self,
                                                    guint                 node,
                                                    int                   from_week,
                                                    int                   to_week);
/* Sum of a series over the window. */
double          wfl_simulation_sum_node_series     (WflSimulation        *self,
                                                    guint                 node,
                                                    WflSeries             series,
                                                    int                   from_week,
                                                    int                   to_week);

/* Per link and week: units shipped (sent) in that week. */
double          wfl_simulation_get_link_shipped    (WflSimulation        *self,
                                                    guint                 link,
                                                    int                   week);
/* Units shipped on the link in the window (what a Sankey band shows). */
double          wfl_simulation_sum_link_shipped    (WflSimulation        *self,
                                                    guint                 link,
                                                    int                   from_week,
                                                    int                   to_week);

/* Orders */
guint           wfl_simulation_get_n_orders        (WflSimulation        *self);
const WflOrderResult *
                wfl_simulation_get_order           (WflSimulation        *self,
                                                    guint                 order);

/* End products (docs/model.md, "End products"): the distinct units of the
 * customers, numbered in document order of their first customer.  What
 * customers receive is counted per end product, never added across them.
 * Available before running. */
guint           wfl_simulation_get_n_products      (WflSimulation        *self);
const char     *wfl_simulation_get_product_unit    (WflSimulation        *self,
                                                    guint                 product);
/* A customer's end product, or -1 for other nodes. */
int             wfl_simulation_get_node_product    (WflSimulation        *self,
                                                    guint                 node);
/* Whether the node's flow reaches customers of the end product: its end
 * products are those it reaches. */
gboolean        wfl_simulation_node_reaches_product (WflSimulation       *self,
                                                    guint                 node,
                                                    guint                 product);

/* Products (version 2; docs/model.md "Products"): the scenario's
 * <product> records (H100, A100 …), called SKUs here to tell them from
 * the end products above (the customers' units: an H100 and an A100 are
 * both "gpu").  Numbered in document order; available before running. */
guint           wfl_simulation_get_n_skus          (WflSimulation        *self);
const char     *wfl_simulation_get_sku_id          (WflSimulation        *self,
                                                    guint                 sku);
const char     *wfl_simulation_get_sku_name        (WflSimulation        *self,
                                                    guint                 sku);
/* Compute per unit in the scenario's compute unit; NAN when not known. */
double          wfl_simulation_get_sku_compute     (WflSimulation        *self,
                                                    guint                 sku);
/* The product compute is counted in equivalents of, or -1. */
int             wfl_simulation_get_reference_sku   (WflSimulation        *self);
/* What compute is counted in ("TFLOPS (dense FP16)"); NULL when not given. */
const char     *wfl_simulation_get_compute_unit    (WflSimulation        *self);
/* The product a node's output is; -1 when none. */
int             wfl_simulation_get_node_sku        (WflSimulation        *self,
                                                    guint                 node);
/* Units of product `sku` (-1: of no product) that customers received in
 * the window; `customer` is a node index or -1 for every customer.
 * Summed over the products (and no product), this is
 * wfl_simulation_get_delivered(). */
double          wfl_simulation_get_sku_delivered   (WflSimulation        *self,
                                                    int                   sku,
                                                    int                   customer,
                                                    int                   from_week,
                                                    int                   to_week);
/* The compute customers received in the window: units of each product ×
 * its compute per unit (units of no product, or of unknown compute,
 * count 0), in the compute unit.  From week 0, it is the compute a
 * customer has installed. */
double          wfl_simulation_get_compute_delivered (WflSimulation      *self,
                                                    int                   customer,
                                                    int                   from_week,
                                                    int                   to_week);
/* One unit of the measure: the reference product's compute (compute
 * counted in its equivalents), or 1 (compute in the compute unit) when
 * there is no reference or its compute is unknown. */
double          wfl_simulation_get_compute_scale   (WflSimulation        *self);

/* Key figures.  `customer` is a node index, `product` an end product,
 * either -1 for every one.  Every one is computed over the week window
 * it is given (docs/model.md, "Orders and key figures"). */
double          wfl_simulation_get_delivered       (WflSimulation        *self,
                                                    int                   customer,
                                                    int                   from_week,
                                                    int                   to_week);
/* Units of the end product customers received in the window. */
double          wfl_simulation_get_product_delivered (WflSimulation      *self,
                                                    int                   product,
                                                    int                   from_week,
                                                    int                   to_week);
/* Over the orders (of the end product) due in the window: Σ delivered by
 * due / Σ needed, the delivered by due of an order counted up to its
 * needed quantity (version 2: quantity / booked-to-needed), and the
 * needed quantity of an order cancelled before it was filled being what
 * it received; NAN when no order is due in it. */
double          wfl_simulation_get_fill_rate       (WflSimulation        *self,
                                                    int                   product,
                                                    int                   from_week,
                                                    int                   to_week);
/* Order lead time, placed → filled in weeks, over the orders (of the end
 * product) filled in the window (nearest rank percentiles).  FALSE when
 * none was. */
gboolean        wfl_simulation_get_lead_time       (WflSimulation        *self,
                                                    int                   product,
                                                    int                   from_week,
                                                    int                   to_week,
                                                    double               *median,
                                                    double               *p90);
/* The same over the orders placed in the weeks from_week … to_week (an
 * order placed before the calendar counts as placed in week 0). */
gboolean        wfl_simulation_get_lead_time_placed (WflSimulation       *self,
                                                    int                   product,
                                                    int                   from_week,
                                                    int                   to_week,
                                                    double               *median,
                                                    double               *p90);
/* Mean lateness in weeks over the orders with a due date; an order never
 * filled counts as filled in week n_weeks, an order cancelled before it
 * was filled does not count.  0 when there are none. */
double          wfl_simulation_get_mean_lateness   (WflSimulation        *self);

/* Quarters are calendar quarters (January, April, July, October) of the
 * weeks' start dates; quarter 0 holds week 0. */
guint           wfl_simulation_get_n_quarters      (WflSimulation        *self);
void            wfl_simulation_get_quarter_weeks   (WflSimulation        *self,
                                                    guint                 quarter,
                                                    int                  *first_week,
                                                    int                  *last_week);
/* Σ starts / Σ capacity over the quarter's weeks; NAN when unlimited. */
double          wfl_simulation_get_quarter_utilisation (WflSimulation    *self,
                                                    guint                 node,
                                                    guint                 quarter);
/* Share (0 … 1) of the quarter's weeks the node was capacity-bound while
 * downstream still had unmet need (binding = capacity). */
double          wfl_simulation_get_quarter_bound_share (WflSimulation    *self,
                                                    guint                 node,
                                                    guint                 quarter);

/* Allocation and availability (format version 2, docs/model.md
 * "Allocation" and "Availability").
 *
 * A quota period row: one per link out of a node with the quota policy
 * and per period of that node's quota-period (calendar weeks, or the
 * weeks whose start date falls in a month or quarter), links in document
 * order, each link's periods in time order.  quota is the link's own
 * quota schedule in the period, granted and given_up what grants moved to
 * and from it; the link may take quota + granted − given_up within the
 * period (more only from what the others leave).  delivered is what it
 * shipped in the period's weeks. */
typedef struct
{
  guint   link;
  int     first_week;
  int     last_week;
  double  quota;
  double  granted;
  double  given_up;
  double  delivered;
} WflQuotaPeriod;

/* A grant in one of its periods: what it asked to move (quantity) and
 * what the donor had left to give (moved). */
typedef struct
{
  guint        node;
  guint        grant;           /* index among the node's grants */
  guint        donor_link;
  guint        recipient_link;
  int          first_week;
  int          last_week;
  double       quantity;
  double       moved;
  const char  *source;          /* the grant's source id, or NULL */
} WflGrantPeriod;

WflAllocation   wfl_simulation_get_node_allocation (WflSimulation        *self,
                                                    guint                 node);
/* The period kind of the node's quotas. */
WflPeriod       wfl_simulation_get_node_quota_period (WflSimulation      *self,
                                                    guint                 node);
guint           wfl_simulation_get_n_quota_periods (WflSimulation        *self);
/* Needs a run (delivered). */
void            wfl_simulation_get_quota_period    (WflSimulation        *self,
                                                    guint                 i,
                                                    WflQuotaPeriod       *out);
/* The row of the link's period that holds week, or -1 when the link has
 * none (its node's policy is not quota). */
int             wfl_simulation_find_quota_period   (WflSimulation        *self,
                                                    guint                 link,
                                                    int                   week);
guint           wfl_simulation_get_n_grant_periods (WflSimulation        *self);
const WflGrantPeriod *
                wfl_simulation_get_grant_period    (WflSimulation        *self,
                                                    guint                 i);
/* Whether the link is open in the week (always, without availability). */
gboolean        wfl_simulation_link_is_open        (WflSimulation        *self,
                                                    guint                 link,
                                                    int                   week);

/* Capacity expansions (docs/model.md, "Capacity expansions"), numbered
 * node by node in document order.  Their dates are fixed when the
 * scenario is compiled, so these need no run.  Weeks count from the
 * calendar's start and are negative before it; WFL_WEEK_NEVER when the
 * step never comes (its tools are never all made). */
#define WFL_WEEK_NEVER G_MAXINT

typedef struct
{
  guint    node;               /* the node whose capacity grows */
  int      supplier;           /* the equipment node making its tools, or -1 */
  double   capacity;           /* added to the capacity a week */
  double   tools;              /* 0 without a supplier */
  WflDate  ordered;            /* the date as in the scenario */
  int      ordered_week;
  int      tools_start_week;   /* its first tool started (no supplier: ordered) */
  int      tools_done_week;    /* its last tool arrived (no supplier: ordered) */
  int      delivered_week;     /* tools done + lead weeks */
  int      qualified_week;     /* delivered + qualification weeks: the capacity step */
} WflExpansionResult;

guint           wfl_simulation_get_n_expansions    (WflSimulation        *self);
gboolean        wfl_simulation_get_expansion       (WflSimulation        *self,
                                                    guint                 expansion,
                                                    WflExpansionResult   *result);

G_END_DECLS
