/* wfl-uncertainty.h: uncertain figures, risk events and saved experiment
 * settings of a scenario (format version 2; docs/scenario-format.md,
 * "Uncertainty and experiments", docs/model.md "Experiments")
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wfl-model-types.h"

G_BEGIN_DECLS

typedef enum
{
  WFL_DISTRIBUTION_TRIANGULAR,
  WFL_DISTRIBUTION_PERT,
  WFL_DISTRIBUTION_UNIFORM,
} WflDistribution;

/* What a <vary> changes.  Absolute figures are in the figure's own terms
 * (weeks, a yield, units a week, a mix); CAPACITY_SCALE is a factor on the
 * node's whole weekly capacity (expansions included), CAPACITY_SHIFT
 * moves capacity points by whole weeks. */
typedef enum
{
  WFL_FIGURE_LEAD_WEEKS,       /* node */
  WFL_FIGURE_TRANSIT_WEEKS,    /* link */
  WFL_FIGURE_YIELD,            /* node: its constant yield, or the point at `date` */
  WFL_FIGURE_CAPACITY,         /* node: its constant capacity, or the point at `date` */
  WFL_FIGURE_MIX,              /* link: its constant mix, or the point at `date` */
  WFL_FIGURE_CAPACITY_SCALE,   /* node: factor on every week's capacity */
  WFL_FIGURE_CAPACITY_SHIFT,   /* node: weeks every capacity point (or the one at `date`) moves */
  WFL_N_FIGURES,
} WflFigure;

/* One uncertain figure: min ≤ likely ≤ max (likely unused by uniform). */
typedef struct
{
  WflFigure        figure;
  char            *node;        /* node figures */
  char            *link_from;   /* link figures */
  char            *link_to;
  WflDate          date;        /* the schedule point meant; WFL_DATE_NONE = constant / every point */
  WflDistribution  distribution;
  double           min;
  double           likely;
  double           max;
  char            *source;
  WflConfidence    confidence;
  int              line;
} WflVary;

/* A risk event: with `probability`, the node's capacity is × factor for
 * `weeks` weeks from a week drawn evenly from the weeks of from … to
 * (to = WFL_DATE_NONE: from's week). */
typedef struct
{
  char          *node;
  double         factor;
  int            weeks;
  double         probability;   /* default 1 */
  WflDate        from;
  WflDate        to;
  char          *source;
  WflConfidence  confidence;
  int            line;
} WflRisk;

/* The parameter a sweep varies (the figure of one node or link). */
typedef enum
{
  WFL_SWEEP_CAPACITY_SCALE,   /* node: factor on its capacity */
  WFL_SWEEP_CAPACITY_SHIFT,   /* node: weeks its capacity points move */
  WFL_SWEEP_LEAD_WEEKS,       /* node */
  WFL_SWEEP_YIELD,            /* node: its constant yield */
  WFL_SWEEP_MIX,              /* link: its constant mix */
  WFL_N_SWEEPS,
} WflSweepParameter;

typedef struct
{
  WflSweepParameter  parameter;
  char              *node;
  char              *link_from;
  char              *link_to;
  double             min;
  double             max;
  double             step;
  int                line;
} WflSweepSpec;

/* Everything the <uncertainty> and <experiments> elements hold. */
typedef struct
{
  GPtrArray     *varies;          /* of WflVary* */
  GPtrArray     *risks;           /* of WflRisk* */
  int            uncertainty_line;
  /* <experiments> */
  int            experiments_line;
  gboolean       has_monte_carlo;
  int            samples;         /* default 1000 */
  guint64        seed;            /* default 1 */
  WflDate        window_from;     /* WFL_DATE_NONE: the calendar's first week */
  WflDate        window_to;
  int            monte_carlo_line;
  gboolean       has_sweep;
  WflSweepSpec   sweep;
  gboolean       has_knockout;
  int            knockout_weeks;  /* default 4 */
  WflDate        knockout_date;   /* WFL_DATE_NONE: the calendar's start */
  int            knockout_line;
} WflUncertainty;

const char *wfl_distribution_to_string     (WflDistribution    distribution);
gboolean    wfl_distribution_from_string   (const char        *str,
                                            WflDistribution   *out);
const char *wfl_figure_to_string           (WflFigure          figure);
gboolean    wfl_figure_from_string         (const char        *str,
                                            WflFigure         *out);
/* Whether the figure belongs to a link (else to a node). */
gboolean    wfl_figure_is_link             (WflFigure          figure);
const char *wfl_sweep_parameter_to_string  (WflSweepParameter  parameter);
gboolean    wfl_sweep_parameter_from_string (const char       *str,
                                            WflSweepParameter *out);

WflUncertainty *wfl_uncertainty_new        (void) G_GNUC_WARN_UNUSED_RESULT;
WflUncertainty *wfl_uncertainty_copy       (const WflUncertainty *self) G_GNUC_WARN_UNUSED_RESULT;
void            wfl_uncertainty_free       (WflUncertainty       *self);
/* Whether there is anything to write: varies, risks or settings. */
gboolean        wfl_uncertainty_is_empty   (const WflUncertainty *self);

WflVary        *wfl_vary_new               (WflFigure          figure) G_GNUC_WARN_UNUSED_RESULT;
WflVary        *wfl_vary_copy              (const WflVary     *self) G_GNUC_WARN_UNUSED_RESULT;
void            wfl_vary_free              (WflVary           *self);
WflRisk        *wfl_risk_new               (const char        *node) G_GNUC_WARN_UNUSED_RESULT;
WflRisk        *wfl_risk_copy              (const WflRisk     *self) G_GNUC_WARN_UNUSED_RESULT;
void            wfl_risk_free              (WflRisk           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflUncertainty, wfl_uncertainty_free)

G_END_DECLS
