/* wfl-scenario.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-scenario"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wfl-scenario.h"

G_DEFINE_QUARK (wfl-scenario-error-quark, wfl_scenario_error)

WflProblem *
wfl_problem_new (int         line,
                 const char *format,
                 ...)
{
  WflProblem *problem = g_new0 (WflProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->message = wfl_message_cut_quotes (g_strdup_vprintf (format, args));
  va_end (args);
  return problem;
}

void
wfl_problem_free (WflProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

WflSource *
wfl_source_new (const char *id)
{
  WflSource *self = g_new0 (WflSource, 1);

  self->id = g_strdup (id);
  return self;
}

WflSource *
wfl_source_copy (const WflSource *self)
{
  WflSource *copy = wfl_source_new (self->id);

  copy->basis = self->basis;
  copy->title = g_strdup (self->title);
  copy->date = g_strdup (self->date);
  copy->url = g_strdup (self->url);
  copy->line = self->line;
  return copy;
}

void
wfl_source_free (WflSource *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->date);
  g_free (self->url);
  g_free (self);
}

WflOrder *
wfl_order_new (const char *id,
               double      quantity,
               WflDate     placed)
{
  WflOrder *self = g_new0 (WflOrder, 1);

  self->id = g_strdup (id);
  self->quantity = quantity;
  self->placed = placed;
  self->priority = 1;
  return self;
}

WflOrder *
wfl_order_copy (const WflOrder *self)
{
  WflOrder *copy = g_memdup2 (self, sizeof *self);

  copy->id = g_strdup (self->id);
  copy->source = g_strdup (self->source);
  copy->product = g_strdup (self->product);
  return copy;
}

void
wfl_order_free (WflOrder *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->source);
  g_free (self->product);
  g_free (self);
}

/* --- Products and forecasts (version 2) ----------------------------- */

WflProduct *
wfl_product_new (const char *id)
{
  WflProduct *self = g_new0 (WflProduct, 1);

  self->id = g_strdup (id);
  self->compute = NAN;
  return self;
}

WflProduct *
wfl_product_copy (const WflProduct *self)
{
  WflProduct *copy = g_memdup2 (self, sizeof *self);

  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->source = g_strdup (self->source);
  return copy;
}

void
wfl_product_free (WflProduct *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->source);
  g_free (self);
}

const char *
wfl_product_get_display_name (const WflProduct *self)
{
  return (self->name != NULL && self->name[0] != '\0') ? self->name : self->id;
}

WflForecast *
wfl_forecast_new (const char *product,
                  int         horizon_weeks)
{
  WflForecast *self = g_new0 (WflForecast, 1);

  self->product = g_strdup (product);
  self->horizon_weeks = horizon_weeks;
  self->rate = wfl_schedule_new ();
  return self;
}

WflForecast *
wfl_forecast_copy (const WflForecast *self)
{
  WflForecast *copy = g_memdup2 (self, sizeof *self);

  copy->product = g_strdup (self->product);
  copy->rate = wfl_schedule_copy (self->rate);
  copy->source = g_strdup (self->source);
  return copy;
}

void
wfl_forecast_free (WflForecast *self)
{
  if (self == NULL)
    return;
  g_free (self->product);
  g_clear_pointer (&self->rate, wfl_schedule_free);
  g_free (self->source);
  g_free (self);
}

WflNode *
wfl_node_new (const char  *id,
              WflNodeKind  kind)
{
  WflNode *self = g_new0 (WflNode, 1);

  self->id = g_strdup (id);
  self->kind = kind;
  self->allocation = WFL_ALLOCATION_PROPORTIONAL;
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_order_free);
  self->grants = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_grant_free);
  self->expansions = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_expansion_free);
  self->forecasts = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_forecast_free);
  return self;
}

WflNode *
wfl_node_copy (const WflNode *self)
{
  WflNode *copy = wfl_node_new (self->id, self->kind);

  copy->name = g_strdup (self->name);
  copy->unit = g_strdup (self->unit);
  copy->group = g_strdup (self->group);
  copy->lead_weeks = self->lead_weeks;
  copy->yield = wfl_schedule_copy (self->yield);
  copy->capacity = wfl_schedule_copy (self->capacity);
  copy->allocation = self->allocation;
  copy->initial_rate = self->initial_rate;
  copy->initial_stock = self->initial_stock;
  copy->note = g_strdup (self->note);
  copy->source = g_strdup (self->source);
  copy->confidence = self->confidence;
  copy->line = self->line;
  for (guint i = 0; i < self->orders->len; i++)
    g_ptr_array_add (copy->orders, wfl_order_copy (g_ptr_array_index (self->orders, i)));
  copy->quota_period = self->quota_period;
  for (guint i = 0; i < self->grants->len; i++)
    g_ptr_array_add (copy->grants, wfl_grant_copy (g_ptr_array_index (self->grants, i)));
  for (guint i = 0; i < self->expansions->len; i++)
    g_ptr_array_add (copy->expansions, wfl_expansion_copy (g_ptr_array_index (self->expansions, i)));
  copy->product = g_strdup (self->product);
  copy->booked_to_needed = wfl_schedule_copy (self->booked_to_needed);
  for (guint i = 0; i < self->forecasts->len; i++)
    g_ptr_array_add (copy->forecasts, wfl_forecast_copy (g_ptr_array_index (self->forecasts, i)));
  return copy;
}

void
wfl_node_free (WflNode *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->unit);
  g_free (self->group);
  g_clear_pointer (&self->yield, wfl_schedule_free);
  g_clear_pointer (&self->capacity, wfl_schedule_free);
  g_free (self->note);
  g_free (self->source);
  g_ptr_array_unref (self->orders);
  g_free (self->product);
  g_clear_pointer (&self->booked_to_needed, wfl_schedule_free);
  g_ptr_array_unref (self->forecasts);
  g_ptr_array_unref (self->grants);
  g_ptr_array_unref (self->expansions);
  g_free (self);
}

WflExpansion *
wfl_expansion_new (WflDate ordered,
                   double  capacity)
{
  WflExpansion *self = g_new0 (WflExpansion, 1);

  self->ordered = ordered;
  self->capacity = capacity;
  self->tools = 1;
  return self;
}

WflExpansion *
wfl_expansion_copy (const WflExpansion *self)
{
  WflExpansion *copy = g_memdup2 (self, sizeof *self);

  copy->supplier = g_strdup (self->supplier);
  copy->source = g_strdup (self->source);
  return copy;
}

void
wfl_expansion_free (WflExpansion *self)
{
  if (self == NULL)
    return;
  g_free (self->supplier);
  g_free (self->source);
  g_free (self);
}

const char *
wfl_node_get_display_name (const WflNode *self)
{
  return (self->name != NULL && self->name[0] != '\0') ? self->name : self->id;
}

WflLink *
wfl_link_new (const char *from,
              const char *to)
{
  WflLink *self = g_new0 (WflLink, 1);

  self->from = g_strdup (from);
  self->to = g_strdup (to);
  self->per_unit = 1;
  self->priority = 1;
  self->share = 1;
  return self;
}

WflLink *
wfl_link_copy (const WflLink *self)
{
  WflLink *copy = g_memdup2 (self, sizeof *self);

  copy->from = g_strdup (self->from);
  copy->to = g_strdup (self->to);
  copy->input = g_strdup (self->input);
  copy->mix = wfl_schedule_copy (self->mix);
  copy->source = g_strdup (self->source);
  copy->weight = wfl_schedule_copy (self->weight);
  copy->quota = wfl_schedule_copy (self->quota);
  copy->availability = wfl_schedule_copy (self->availability);
  return copy;
}

void
wfl_link_free (WflLink *self)
{
  if (self == NULL)
    return;
  g_free (self->from);
  g_free (self->to);
  g_free (self->input);
  g_clear_pointer (&self->mix, wfl_schedule_free);
  g_free (self->source);
  g_clear_pointer (&self->weight, wfl_schedule_free);
  g_clear_pointer (&self->quota, wfl_schedule_free);
  g_clear_pointer (&self->availability, wfl_schedule_free);
  g_free (self);
}

const char *
wfl_link_get_input (const WflLink *self)
{
  return self->input != NULL ? self->input : self->from;
}

/* Grants and availability (version 2) ------------------------------------- */

WflGrant *
wfl_grant_new (const char *donor,
               const char *recipient,
               double      quantity,
               WflDate     from)
{
  WflGrant *self = g_new0 (WflGrant, 1);

  self->donor = g_strdup (donor);
  self->recipient = g_strdup (recipient);
  self->quantity = quantity;
  self->from = from;
  return self;
}

WflGrant *
wfl_grant_copy (const WflGrant *self)
{
  WflGrant *copy = g_memdup2 (self, sizeof *self);

  copy->donor = g_strdup (self->donor);
  copy->recipient = g_strdup (self->recipient);
  copy->source = g_strdup (self->source);
  return copy;
}

void
wfl_grant_free (WflGrant *self)
{
  if (self == NULL)
    return;
  g_free (self->donor);
  g_free (self->recipient);
  g_free (self->source);
  g_free (self);
}

/* The state of the last change dated in or before the week; before the
 * first change, the opposite of the first change (a link that first
 * opens was closed, one that first closes was open). */
gboolean
wfl_availability_is_open (const WflSchedule *availability,
                          WflDate            start,
                          int                week)
{
  guint n = wfl_schedule_get_n_points (availability);
  gboolean open;

  if (n == 0)
    return TRUE;
  open = !(wfl_schedule_get_point (availability, 0)->value > 0);
  for (guint i = 0; i < n; i++)
    {
      const WflPoint *p = wfl_schedule_get_point (availability, i);

      if (p->date != WFL_DATE_NONE && wfl_week_of_date (start, p->date) > week)
        break;
      open = p->value > 0;
    }
  return open;
}

/* Fills out[0 .. weeks-1] with 1 where the link is open, 0 where it is
 * closed: what wfl_availability_is_open() says for each week. */
void
wfl_availability_evaluate (const WflSchedule *availability,
                           WflDate            start,
                           int                weeks,
                           double            *out)
{
  guint n = wfl_schedule_get_n_points (availability);
  double before = n > 0 && wfl_schedule_get_point (availability, 0)->value > 0 ? 0 : 1;

  for (int t = 0; t < weeks; t++)
    out[t] = before;
  for (guint i = 0; i < n; i++)
    {
      const WflPoint *p = wfl_schedule_get_point (availability, i);
      int w = p->date != WFL_DATE_NONE ? wfl_week_of_date (start, p->date) : 0;

      for (int t = MAX (w, 0); t < weeks; t++)
        out[t] = p->value > 0 ? 1 : 0;
    }
}

WflPin *
wfl_pin_new (const char *node)
{
  WflPin *self = g_new0 (WflPin, 1);

  self->node = g_strdup (node);
  self->column = -1;
  self->position = NAN;
  return self;
}

void
wfl_pin_free (WflPin *self)
{
  if (self == NULL)
    return;
  g_free (self->node);
  g_free (self);
}

struct _WflScenario
{
  GObject     parent_instance;

  char       *title;
  char       *description;
  WflDate     start;
  int         weeks;
  int         format_version;  /* of the file it was read from; 0 when new */
  int         calendar_line;
  int         products_line;

  GPtrArray  *sources;   /* of WflSource* */
  GPtrArray  *nodes;     /* of WflNode* */
  GPtrArray  *links;     /* of WflLink* */
  WflViews    views;
  WflUncertainty *uncertainty;   /* version 2: <uncertainty>, <experiments> */
  GPtrArray  *products;  /* of WflProduct* (version 2) */
  char       *compute_unit;
  char       *reference_product;

  GHashTable *node_index;  /* id -> index + 1; NULL when stale */
};

G_DEFINE_FINAL_TYPE (WflScenario, wfl_scenario, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wfl_scenario_finalize (GObject *object)
{
  WflScenario *self = (WflScenario *)object;

  g_free (self->title);
  g_free (self->description);
  g_ptr_array_unref (self->sources);
  g_ptr_array_unref (self->nodes);
  g_ptr_array_unref (self->links);
  g_ptr_array_unref (self->views.pins);
  wfl_uncertainty_free (self->uncertainty);
  g_clear_pointer (&self->node_index, g_hash_table_unref);
  g_ptr_array_unref (self->products);
  g_free (self->compute_unit);
  g_free (self->reference_product);

  G_OBJECT_CLASS (wfl_scenario_parent_class)->finalize (object);
}

static void
wfl_scenario_class_init (WflScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wfl_scenario_finalize;

  /**
   * WflScenario::changed:
   *
   * Emitted by wfl_scenario_changed() after records were edited.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wfl_scenario_init (WflScenario *self)
{
  self->start = wfl_date_from_ymd (2023, 1, 2);
  self->weeks = 52;
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_source_free);
  self->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_node_free);
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_link_free);
  self->views.pins = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_pin_free);
  self->views.gantt_mode = WFL_GANTT_MODE_ORDERS;
  self->views.gantt_zoom = WFL_ZOOM_MONTH;
  self->products = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_product_free);
  self->uncertainty = wfl_uncertainty_new ();
}

WflScenario *
wfl_scenario_new (void)
{
  return g_object_new (WFL_TYPE_SCENARIO, NULL);
}

WflScenario *
wfl_scenario_copy (WflScenario *self)
{
  WflScenario *copy;

  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);

  copy = wfl_scenario_new ();
  copy->title = g_strdup (self->title);
  copy->description = g_strdup (self->description);
  copy->start = self->start;
  copy->weeks = self->weeks;
  copy->format_version = self->format_version;
  copy->calendar_line = self->calendar_line;
  copy->products_line = self->products_line;
  for (guint i = 0; i < self->sources->len; i++)
    g_ptr_array_add (copy->sources, wfl_source_copy (g_ptr_array_index (self->sources, i)));
  for (guint i = 0; i < self->nodes->len; i++)
    g_ptr_array_add (copy->nodes, wfl_node_copy (g_ptr_array_index (self->nodes, i)));
  for (guint i = 0; i < self->links->len; i++)
    g_ptr_array_add (copy->links, wfl_link_copy (g_ptr_array_index (self->links, i)));

  copy->views.has_sankey = self->views.has_sankey;
  copy->views.sankey_from = self->views.sankey_from;
  copy->views.sankey_to = self->views.sankey_to;
  for (guint i = 0; i < self->views.pins->len; i++)
    {
      const WflPin *pin = g_ptr_array_index (self->views.pins, i);
      WflPin *pin_copy = wfl_pin_new (pin->node);

      pin_copy->column = pin->column;
      pin_copy->position = pin->position;
      g_ptr_array_add (copy->views.pins, pin_copy);
    }
  copy->views.has_gantt = self->views.has_gantt;
  copy->views.gantt_mode = self->views.gantt_mode;
  copy->views.gantt_zoom = self->views.gantt_zoom;
  copy->views.gantt_as_of = self->views.gantt_as_of;
  copy->views.measure = self->views.measure;
  wfl_uncertainty_free (copy->uncertainty);
  copy->uncertainty = wfl_uncertainty_copy (self->uncertainty);

  for (guint i = 0; i < self->products->len; i++)
    g_ptr_array_add (copy->products, wfl_product_copy (g_ptr_array_index (self->products, i)));
  copy->compute_unit = g_strdup (self->compute_unit);
  copy->reference_product = g_strdup (self->reference_product);

  return copy;
}

const char *
wfl_scenario_get_title (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  return self->title;
}

void
wfl_scenario_set_title (WflScenario *self,
                        const char  *title)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
}

const char *
wfl_scenario_get_description (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  return self->description;
}

void
wfl_scenario_set_description (WflScenario *self,
                              const char  *description)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
}

WflDate
wfl_scenario_get_start (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), WFL_DATE_NONE);
  return self->start;
}

int
wfl_scenario_get_weeks (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), 0);
  return self->weeks;
}

/* The format-version of the file the scenario was read from (0 for a
 * scenario made in memory).  Saving always writes the current version, so
 * a version-1 file becomes version 2 only when the user saves it. */
int
wfl_scenario_get_format_version (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), 0);
  return self->format_version;
}

void
wfl_scenario_set_format_version (WflScenario *self,
                                 int          version)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  self->format_version = version;
}

void
wfl_scenario_set_calendar (WflScenario *self,
                           WflDate      start,
                           int          weeks)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  self->start = start;
  self->weeks = weeks;
}

int
wfl_scenario_get_calendar_line (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), 0);
  return self->calendar_line;
}

void
wfl_scenario_set_calendar_line (WflScenario *self,
                                int          line)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  self->calendar_line = MAX (line, 0);
}

int
wfl_scenario_get_products_line (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), 0);
  return self->products_line;
}

void
wfl_scenario_set_products_line (WflScenario *self,
                                int          line)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  self->products_line = MAX (line, 0);
}

guint
wfl_scenario_get_n_sources (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), 0);
  return self->sources->len;
}

WflSource *
wfl_scenario_get_source (WflScenario *self,
                         guint        i)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (i < self->sources->len, NULL);
  return g_ptr_array_index (self->sources, i);
}

void
wfl_scenario_add_source (WflScenario *self,
                         WflSource   *source)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  g_return_if_fail (source != NULL);
  g_ptr_array_add (self->sources, source);
}

WflSource *
wfl_scenario_find_source (WflScenario *self,
                          const char  *id)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->sources->len; i++)
    {
      WflSource *source = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (source->id, id) == 0)
        return source;
    }
  return NULL;
}

guint
wfl_scenario_get_n_nodes (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), 0);
  return self->nodes->len;
}

WflNode *
wfl_scenario_get_node (WflScenario *self,
                       guint        i)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (i < self->nodes->len, NULL);
  return g_ptr_array_index (self->nodes, i);
}

static void
invalidate_index (WflScenario *self)
{
  g_clear_pointer (&self->node_index, g_hash_table_unref);
}

void
wfl_scenario_add_node (WflScenario *self,
                       WflNode     *node)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  wfl_scenario_insert_node (self, self->nodes->len, node);
}

void
wfl_scenario_insert_node (WflScenario *self,
                          guint        position,
                          WflNode     *node)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  g_return_if_fail (node != NULL);
  g_return_if_fail (position <= self->nodes->len);

  g_ptr_array_insert (self->nodes, (int) position, node);
  invalidate_index (self);
}

WflNode *
wfl_scenario_remove_node (WflScenario *self,
                          guint        i)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (i < self->nodes->len, NULL);

  invalidate_index (self);
  return g_ptr_array_steal_index (self->nodes, i);
}

int
wfl_scenario_find_node_index (WflScenario *self,
                              const char  *id)
{
  gpointer value;

  g_return_val_if_fail (WFL_IS_SCENARIO (self), -1);

  if (id == NULL)
    return -1;

  if (self->node_index == NULL)
    {
      self->node_index = g_hash_table_new (g_str_hash, g_str_equal);
      /* The first of duplicate ids wins, as validation reports the rest. */
      for (guint i = self->nodes->len; i > 0; i--)
        {
          WflNode *node = g_ptr_array_index (self->nodes, i - 1);

          if (node->id != NULL)
            g_hash_table_insert (self->node_index, node->id, GUINT_TO_POINTER (i));
        }
    }

  value = g_hash_table_lookup (self->node_index, id);
  return value != NULL ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}

WflNode *
wfl_scenario_find_node (WflScenario *self,
                        const char  *id)
{
  int i = wfl_scenario_find_node_index (self, id);

  return i >= 0 ? g_ptr_array_index (self->nodes, i) : NULL;
}

guint
wfl_scenario_get_n_links (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), 0);
  return self->links->len;
}

WflLink *
wfl_scenario_get_link (WflScenario *self,
                       guint        i)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (i < self->links->len, NULL);
  return g_ptr_array_index (self->links, i);
}

void
wfl_scenario_add_link (WflScenario *self,
                       WflLink     *link)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  wfl_scenario_insert_link (self, self->links->len, link);
}

void
wfl_scenario_insert_link (WflScenario *self,
                          guint        position,
                          WflLink     *link)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  g_return_if_fail (link != NULL);
  g_return_if_fail (position <= self->links->len);

  g_ptr_array_insert (self->links, (int) position, link);
}

WflLink *
wfl_scenario_remove_link (WflScenario *self,
                          guint        i)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (i < self->links->len, NULL);

  return g_ptr_array_steal_index (self->links, i);
}

WflViews *
wfl_scenario_get_views (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  return &self->views;
}

WflUncertainty *
wfl_scenario_get_uncertainty (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  return self->uncertainty;
}

/* --- Products (version 2) ------------------------------------------- */

guint
wfl_scenario_get_n_products (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), 0);
  return self->products->len;
}

WflProduct *
wfl_scenario_get_product (WflScenario *self,
                          guint        i)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (i < self->products->len, NULL);
  return g_ptr_array_index (self->products, i);
}

void
wfl_scenario_add_product (WflScenario *self,
                          WflProduct  *product)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  wfl_scenario_insert_product (self, self->products->len, product);
}

void
wfl_scenario_insert_product (WflScenario *self,
                             guint        position,
                             WflProduct  *product)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  g_return_if_fail (product != NULL);
  g_return_if_fail (position <= self->products->len);
  g_ptr_array_insert (self->products, (int) position, product);
}

WflProduct *
wfl_scenario_remove_product (WflScenario *self,
                             guint        i)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (i < self->products->len, NULL);
  return g_ptr_array_steal_index (self->products, i);
}

/* The first product with the id (validation reports duplicates), or -1. */
int
wfl_scenario_find_product_index (WflScenario *self,
                                 const char  *id)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), -1);
  if (id == NULL)
    return -1;
  for (guint i = 0; i < self->products->len; i++)
    if (g_strcmp0 (((WflProduct *) g_ptr_array_index (self->products, i))->id, id) == 0)
      return (int) i;
  return -1;
}

WflProduct *
wfl_scenario_find_product (WflScenario *self,
                           const char  *id)
{
  int i = wfl_scenario_find_product_index (self, id);

  return i >= 0 ? g_ptr_array_index (self->products, i) : NULL;
}

const char *
wfl_scenario_get_compute_unit (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  return self->compute_unit;
}

void
wfl_scenario_set_compute_unit (WflScenario *self,
                               const char  *unit)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  if (g_strcmp0 (self->compute_unit, unit) == 0)
    return;
  g_free (self->compute_unit);
  self->compute_unit = g_strdup (unit);
}

const char *
wfl_scenario_get_reference_product (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);
  return self->reference_product;
}

void
wfl_scenario_set_reference_product (WflScenario *self,
                                    const char  *id)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));
  if (g_strcmp0 (self->reference_product, id) == 0)
    return;
  g_free (self->reference_product);
  self->reference_product = g_strdup (id);
}

void
wfl_scenario_changed (WflScenario *self)
{
  g_return_if_fail (WFL_IS_SCENARIO (self));

  invalidate_index (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
wfl_scenario_check (WflScenario  *self,
                    GError      **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (WFL_IS_SCENARIO (self), FALSE);

  problems = wfl_scenario_validate (self);
  if (problems->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      const WflProblem *problem = g_ptr_array_index (problems, i);

      if (i > 0)
        g_string_append_c (message, '\n');
      if (problem->line > 0)
        g_string_append_printf (message, "%d: ", problem->line);
      g_string_append (message, problem->message);
    }

  g_set_error_literal (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID, message->str);
  return FALSE;
}

/* Version 2: references between records ---------------------------------- */

/* Grants (format version 2) name the to-nodes of their node's links:
 * they follow a renamed node, and go with a removed node or link. */
void
wfl_scenario_rename_in_grants (WflScenario *scenario,
                               const char  *old_id,
                               const char  *new_id)
{
  for (guint n = 0; n < wfl_scenario_get_n_nodes (scenario); n++)
    {
      GPtrArray *grants = wfl_scenario_get_node (scenario, n)->grants;

      for (guint i = 0; i < grants->len; i++)
        {
          WflGrant *grant = g_ptr_array_index (grants, i);

          if (g_strcmp0 (grant->donor, old_id) == 0)
            {
              g_free (grant->donor);
              grant->donor = g_strdup (new_id);
            }
          if (g_strcmp0 (grant->recipient, old_id) == 0)
            {
              g_free (grant->recipient);
              grant->recipient = g_strdup (new_id);
            }
        }
    }
}

/* Removes the grants of node `from` (every node when NULL) that name `to`. */
void
wfl_scenario_remove_grants_naming (WflScenario *scenario,
                                   const char  *from,
                                   const char  *to)
{
  for (guint n = 0; n < wfl_scenario_get_n_nodes (scenario); n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      if (from != NULL && g_strcmp0 (node->id, from) != 0)
        continue;
      for (guint i = node->grants->len; i > 0; i--)
        {
          WflGrant *grant = g_ptr_array_index (node->grants, i - 1);

          if (g_strcmp0 (grant->donor, to) == 0 || g_strcmp0 (grant->recipient, to) == 0)
            g_ptr_array_remove_index (node->grants, i - 1);
        }
    }
}

/* The expansions whose tools old_id makes name new_id instead; without a
 * new id they keep their own lead time (and no tools). */
void
wfl_scenario_rename_supplier (WflScenario *scenario,
                              const char  *old_id,
                              const char  *new_id)
{
  for (guint i = 0; i < wfl_scenario_get_n_nodes (scenario); i++)
    for (guint k = 0; k < wfl_scenario_get_node (scenario, i)->expansions->len; k++)
      {
        WflExpansion *expansion = g_ptr_array_index (wfl_scenario_get_node (scenario, i)->expansions, k);

        if (g_strcmp0 (expansion->supplier, old_id) != 0)
          continue;
        g_free (expansion->supplier);
        expansion->supplier = g_strdup (new_id);
        if (new_id == NULL)
          expansion->tools = 1;
      }
}
