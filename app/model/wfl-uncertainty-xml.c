/* wfl-uncertainty-xml.c: reading and writing <uncertainty> and
 * <experiments> (format version 2; docs/scenario-format.md)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-scenario-xml"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-scenario-xml-loader-private.h"
#include "wfl-uncertainty-private.h"

/* --- Reading ------------------------------------------------------------ */

static void
load_vary (Loader      *l,
           xmlNode     *el,
           WflScenario *scenario)
{
  enum { A_FIGURE, A_NODE, A_LINK_FROM, A_LINK_TO, A_DATE, A_DISTRIBUTION, A_MIN, A_LIKELY, A_MAX,
         A_SOURCE, A_CONFIDENCE, N_A };
  static const char * const names[N_A] = {
    "figure", "node", "link-from", "link-to", "date", "distribution", "min", "likely", "max",
    "source", "confidence",
  };
  const char *v[N_A];
  WflVary *vary = wfl_vary_new (WFL_FIGURE_LEAD_WEEKS);

  vary->line = node_line (el);
  collect_attributes (l, el, names, N_A, v);
  check_empty (l, el);
  if (require (l, el, "figure", v[A_FIGURE]))
    PARSE_ENUM (l, el, "figure", v[A_FIGURE], WflFigure, wfl_figure_from_string, &vary->figure,
                "lead-weeks, transit-weeks, yield, capacity, mix, capacity-scale, capacity-shift");
  parse_id (l, el, "node", v[A_NODE], &vary->node);
  parse_id (l, el, "link-from", v[A_LINK_FROM], &vary->link_from);
  parse_id (l, el, "link-to", v[A_LINK_TO], &vary->link_to);
  parse_date (l, el, "date", v[A_DATE], &vary->date);
  PARSE_ENUM (l, el, "distribution", v[A_DISTRIBUTION], WflDistribution, wfl_distribution_from_string,
              &vary->distribution, "triangular, pert, uniform");
  if (require (l, el, "min", v[A_MIN]))
    parse_number (l, el, "min", v[A_MIN], FALSE, &vary->min);
  if (require (l, el, "max", v[A_MAX]))
    parse_number (l, el, "max", v[A_MAX], FALSE, &vary->max);
  if (vary->distribution == WFL_DISTRIBUTION_UNIFORM)
    {
      if (v[A_LIKELY] != NULL)
        add_problem (l, vary->line, _("A uniform distribution has no “likely” value"));
      vary->likely = vary->min;
    }
  else if (require (l, el, "likely", v[A_LIKELY]))
    parse_number (l, el, "likely", v[A_LIKELY], FALSE, &vary->likely);
  parse_id (l, el, "source", v[A_SOURCE], &vary->source);
  parse_confidence (l, el, v[A_CONFIDENCE], &vary->confidence);
  g_ptr_array_add (wfl_scenario_get_uncertainty (scenario)->varies, vary);
}

static void
load_risk (Loader      *l,
           xmlNode     *el,
           WflScenario *scenario)
{
  enum { A_NODE, A_FACTOR, A_WEEKS, A_PROBABILITY, A_FROM, A_TO, A_SOURCE, A_CONFIDENCE, N_A };
  static const char * const names[N_A] = {
    "node", "factor", "weeks", "probability", "from", "to", "source", "confidence",
  };
  const char *v[N_A];
  WflRisk *risk = wfl_risk_new (NULL);

  risk->line = node_line (el);
  collect_attributes (l, el, names, N_A, v);
  check_empty (l, el);
  if (require (l, el, "node", v[A_NODE]))
    parse_id (l, el, "node", v[A_NODE], &risk->node);
  if (require (l, el, "factor", v[A_FACTOR]))
    parse_number (l, el, "factor", v[A_FACTOR], TRUE, &risk->factor);
  if (require (l, el, "weeks", v[A_WEEKS]))
    parse_int (l, el, "weeks", v[A_WEEKS], TRUE, &risk->weeks);
  parse_number (l, el, "probability", v[A_PROBABILITY], TRUE, &risk->probability);
  if (require (l, el, "from", v[A_FROM]))
    parse_date (l, el, "from", v[A_FROM], &risk->from);
  parse_date (l, el, "to", v[A_TO], &risk->to);
  parse_id (l, el, "source", v[A_SOURCE], &risk->source);
  parse_confidence (l, el, v[A_CONFIDENCE], &risk->confidence);
  g_ptr_array_add (wfl_scenario_get_uncertainty (scenario)->risks, risk);
}

void
_wfl_uncertainty_xml_load_uncertainty (Loader      *l,
                                       xmlNode     *el,
                                       WflScenario *scenario)
{
  enum { C_VARY, C_RISK };
  static const ChildSpec spec[] = { { "vary", CHILD_REPEAT }, { "risk", CHILD_REPEAT } };
  ChildIter it;
  xmlNode *child;
  guint slot;

  if (!require_version_element (l, el, 2))
    return;
  wfl_scenario_get_uncertainty (scenario)->uncertainty_line = node_line (el);
  collect_attributes (l, el, NULL, 0, NULL);
  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    {
      if (slot == C_VARY)
        load_vary (l, child, scenario);
      else
        load_risk (l, child, scenario);
    }
}

static void
load_seed (Loader     *l,
           xmlNode    *el,
           const char *value,
           guint64    *out)
{
  guint64 seed;

  if (value == NULL)
    return;
  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seed, NULL) || !g_ascii_isdigit (value[0]))
    {
      add_problem (l, node_line (el),
                   _("“%s” in the “%s” attribute of <%s> is not a whole number"),
                   value, "seed", (const char *) el->name);
      return;
    }
  *out = seed;
}

static void
load_monte_carlo (Loader         *l,
                  xmlNode        *el,
                  WflUncertainty *u)
{
  enum { A_SAMPLES, A_SEED, A_FROM, A_TO, N_A };
  static const char * const names[N_A] = { "samples", "seed", "from", "to" };
  const char *v[N_A];

  u->has_monte_carlo = TRUE;
  u->monte_carlo_line = node_line (el);
  collect_attributes (l, el, names, N_A, v);
  check_empty (l, el);
  parse_int (l, el, "samples", v[A_SAMPLES], TRUE, &u->samples);
  load_seed (l, el, v[A_SEED], &u->seed);
  parse_date (l, el, "from", v[A_FROM], &u->window_from);
  parse_date (l, el, "to", v[A_TO], &u->window_to);
}

static void
load_sweep (Loader         *l,
            xmlNode        *el,
            WflUncertainty *u)
{
  enum { A_PARAMETER, A_NODE, A_LINK_FROM, A_LINK_TO, A_MIN, A_MAX, A_STEP, N_A };
  static const char * const names[N_A] = { "parameter", "node", "link-from", "link-to", "min", "max", "step" };
  const char *v[N_A];

  u->has_sweep = TRUE;
  u->sweep.line = node_line (el);
  collect_attributes (l, el, names, N_A, v);
  check_empty (l, el);
  if (require (l, el, "parameter", v[A_PARAMETER]))
    PARSE_ENUM (l, el, "parameter", v[A_PARAMETER], WflSweepParameter, wfl_sweep_parameter_from_string,
                &u->sweep.parameter, "capacity-scale, capacity-shift, lead-weeks, yield, mix");
  parse_id (l, el, "node", v[A_NODE], &u->sweep.node);
  parse_id (l, el, "link-from", v[A_LINK_FROM], &u->sweep.link_from);
  parse_id (l, el, "link-to", v[A_LINK_TO], &u->sweep.link_to);
  if (require (l, el, "min", v[A_MIN]))
    parse_number (l, el, "min", v[A_MIN], FALSE, &u->sweep.min);
  if (require (l, el, "max", v[A_MAX]))
    parse_number (l, el, "max", v[A_MAX], FALSE, &u->sweep.max);
  if (require (l, el, "step", v[A_STEP]))
    parse_number (l, el, "step", v[A_STEP], TRUE, &u->sweep.step);
}

static void
load_knockout (Loader         *l,
               xmlNode        *el,
               WflUncertainty *u)
{
  enum { A_WEEKS, A_DATE, N_A };
  static const char * const names[N_A] = { "weeks", "date" };
  const char *v[N_A];

  u->has_knockout = TRUE;
  u->knockout_line = node_line (el);
  collect_attributes (l, el, names, N_A, v);
  check_empty (l, el);
  parse_int (l, el, "weeks", v[A_WEEKS], TRUE, &u->knockout_weeks);
  parse_date (l, el, "date", v[A_DATE], &u->knockout_date);
}

void
_wfl_uncertainty_xml_load_experiments (Loader      *l,
                                       xmlNode     *el,
                                       WflScenario *scenario)
{
  enum { C_MONTE_CARLO, C_SWEEP, C_KNOCKOUT };
  static const ChildSpec spec[] = { { "monte-carlo", 0 }, { "sweep", 0 }, { "knockout", 0 } };
  WflUncertainty *u = wfl_scenario_get_uncertainty (scenario);
  ChildIter it;
  xmlNode *child;
  guint slot;

  if (!require_version_element (l, el, 2))
    return;
  u->experiments_line = node_line (el);
  collect_attributes (l, el, NULL, 0, NULL);
  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    {
      switch (slot)
        {
        case C_MONTE_CARLO:
          load_monte_carlo (l, child, u);
          break;
        case C_SWEEP:
          load_sweep (l, child, u);
          break;
        default:
          load_knockout (l, child, u);
          break;
        }
    }
}

/* --- Writing ------------------------------------------------------------ */

static void
attr (GString    *out,
      const char *name,
      const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, " %s=\"%s\"", name, escaped);
}

static void
attr_number (GString    *out,
             const char *name,
             double      value)
{
  g_string_append_printf (out, " %s=\"", name);
  wfl_string_append_double (out, value);
  g_string_append_c (out, '"');
}

static void
attr_date (GString    *out,
           const char *name,
           WflDate     date)
{
  g_autofree char *text = NULL;

  if (date == WFL_DATE_NONE)
    return;
  text = wfl_date_format (date);
  attr (out, name, text);
}

static void
attr_provenance (GString       *out,
                 const char    *source,
                 WflConfidence  confidence)
{
  attr (out, "source", source);
  if (confidence != WFL_CONFIDENCE_NONE)
    attr (out, "confidence", wfl_confidence_to_string (confidence));
}

static void
write_uncertainty (GString              *out,
                   const WflUncertainty *u)
{
  if (u->varies->len == 0 && u->risks->len == 0)
    return;
  g_string_append (out, "\n  <uncertainty>\n");
  for (guint i = 0; i < u->varies->len; i++)
    {
      const WflVary *vary = g_ptr_array_index (u->varies, i);

      g_string_append (out, "    <vary");
      attr (out, "figure", wfl_figure_to_string (vary->figure));
      attr (out, "node", vary->node);
      attr (out, "link-from", vary->link_from);
      attr (out, "link-to", vary->link_to);
      attr_date (out, "date", vary->date);
      if (vary->distribution != WFL_DISTRIBUTION_TRIANGULAR)
        attr (out, "distribution", wfl_distribution_to_string (vary->distribution));
      attr_number (out, "min", vary->min);
      if (vary->distribution != WFL_DISTRIBUTION_UNIFORM)
        attr_number (out, "likely", vary->likely);
      attr_number (out, "max", vary->max);
      attr_provenance (out, vary->source, vary->confidence);
      g_string_append (out, "/>\n");
    }
  for (guint i = 0; i < u->risks->len; i++)
    {
      const WflRisk *risk = g_ptr_array_index (u->risks, i);

      g_string_append (out, "    <risk");
      attr (out, "node", risk->node);
      attr_number (out, "factor", risk->factor);
      g_string_append_printf (out, " weeks=\"%d\"", risk->weeks);
      if (risk->probability != 1)
        attr_number (out, "probability", risk->probability);
      attr_date (out, "from", risk->from);
      attr_date (out, "to", risk->to);
      attr_provenance (out, risk->source, risk->confidence);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </uncertainty>\n");
}

static void
write_experiments (GString              *out,
                   const WflUncertainty *u)
{
  if (!u->has_monte_carlo && !u->has_sweep && !u->has_knockout)
    return;
  g_string_append (out, "\n  <experiments>\n");
  if (u->has_monte_carlo)
    {
      g_string_append (out, "    <monte-carlo");
      if (u->samples != WFL_DEFAULT_SAMPLES)
        g_string_append_printf (out, " samples=\"%d\"", u->samples);
      if (u->seed != 1)
        g_string_append_printf (out, " seed=\"%" G_GUINT64_FORMAT "\"", u->seed);
      attr_date (out, "from", u->window_from);
      attr_date (out, "to", u->window_to);
      g_string_append (out, "/>\n");
    }
  if (u->has_sweep)
    {
      g_string_append (out, "    <sweep");
      attr (out, "parameter", wfl_sweep_parameter_to_string (u->sweep.parameter));
      attr (out, "node", u->sweep.node);
      attr (out, "link-from", u->sweep.link_from);
      attr (out, "link-to", u->sweep.link_to);
      attr_number (out, "min", u->sweep.min);
      attr_number (out, "max", u->sweep.max);
      attr_number (out, "step", u->sweep.step);
      g_string_append (out, "/>\n");
    }
  if (u->has_knockout)
    {
      g_string_append (out, "    <knockout");
      if (u->knockout_weeks != WFL_DEFAULT_KNOCKOUT_WEEKS)
        g_string_append_printf (out, " weeks=\"%d\"", u->knockout_weeks);
      attr_date (out, "date", u->knockout_date);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </experiments>\n");
}

void
_wfl_uncertainty_xml_write (GString     *out,
                            WflScenario *scenario)
{
  const WflUncertainty *u = wfl_scenario_get_uncertainty (scenario);

  write_uncertainty (out, u);
  write_experiments (out, u);
}
