/* wfl-test-utils.c: helpers shared by the core and UI tests (no GTK):
 * comparing scenarios, running the main context, a worked-example document
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wfl-document.h"
#include "wfl-test-utils.h"

static gboolean
doubles_equal (double a,
               double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

#define DIFF(cond, ...) \
  G_STMT_START { if (!(cond)) { if (where) *where = g_strdup_printf (__VA_ARGS__); return FALSE; } } G_STMT_END

static gboolean
schedules_equal (const WflSchedule *a,
                 const WflSchedule *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (wfl_schedule_get_n_points (a) != wfl_schedule_get_n_points (b))
    return FALSE;
  for (guint i = 0; i < wfl_schedule_get_n_points (a); i++)
    {
      const WflPoint *pa = wfl_schedule_get_point (a, i);
      const WflPoint *pb = wfl_schedule_get_point (b, i);

      if (pa->date != pb->date || !doubles_equal (pa->value, pb->value) ||
          pa->interpolate != pb->interpolate || g_strcmp0 (pa->source, pb->source) != 0 ||
          pa->confidence != pb->confidence)
        return FALSE;
    }
  return TRUE;
}

gboolean
wfl_test_scenario_equal (WflScenario  *a,
                         WflScenario  *b,
                         char        **where)
{
  const WflViews *va = wfl_scenario_get_views (a);
  const WflViews *vb = wfl_scenario_get_views (b);

  DIFF (g_strcmp0 (wfl_scenario_get_title (a), wfl_scenario_get_title (b)) == 0, "title");
  DIFF (g_strcmp0 (wfl_scenario_get_description (a), wfl_scenario_get_description (b)) == 0, "description");
  DIFF (wfl_scenario_get_start (a) == wfl_scenario_get_start (b), "start");
  DIFF (wfl_scenario_get_weeks (a) == wfl_scenario_get_weeks (b), "weeks");

  DIFF (wfl_scenario_get_n_sources (a) == wfl_scenario_get_n_sources (b), "number of sources");
  for (guint i = 0; i < wfl_scenario_get_n_sources (a); i++)
    {
      WflSource *sa = wfl_scenario_get_source (a, i);
      WflSource *sb = wfl_scenario_get_source (b, i);

      DIFF (g_strcmp0 (sa->id, sb->id) == 0 && sa->basis == sb->basis &&
            g_strcmp0 (sa->title, sb->title) == 0 && g_strcmp0 (sa->date, sb->date) == 0 &&
            g_strcmp0 (sa->url, sb->url) == 0, "source %u", i);
    }

  DIFF (wfl_scenario_get_n_nodes (a) == wfl_scenario_get_n_nodes (b), "number of nodes");
  for (guint i = 0; i < wfl_scenario_get_n_nodes (a); i++)
    {
      WflNode *na = wfl_scenario_get_node (a, i);
      WflNode *nb = wfl_scenario_get_node (b, i);

      DIFF (g_strcmp0 (na->id, nb->id) == 0, "node %u id", i);
      DIFF (na->kind == nb->kind, "node %s kind", na->id);
      DIFF (g_strcmp0 (na->name, nb->name) == 0, "node %s name", na->id);
      DIFF (g_strcmp0 (na->unit, nb->unit) == 0, "node %s unit", na->id);
      DIFF (g_strcmp0 (na->group, nb->group) == 0, "node %s group", na->id);
      DIFF (na->lead_weeks == nb->lead_weeks, "node %s lead weeks", na->id);
      DIFF (schedules_equal (na->yield, nb->yield), "node %s yield", na->id);
      DIFF (schedules_equal (na->capacity, nb->capacity), "node %s capacity", na->id);
      DIFF (na->allocation == nb->allocation, "node %s allocation", na->id);
      DIFF (doubles_equal (na->initial_rate, nb->initial_rate), "node %s initial rate", na->id);
      DIFF (doubles_equal (na->initial_stock, nb->initial_stock), "node %s initial stock", na->id);
      DIFF (g_strcmp0 (na->note, nb->note) == 0, "node %s note", na->id);
      DIFF (g_strcmp0 (na->source, nb->source) == 0 && na->confidence == nb->confidence,
            "node %s source", na->id);
      DIFF (na->orders->len == nb->orders->len, "node %s number of orders", na->id);
      for (guint j = 0; j < na->orders->len; j++)
        {
          WflOrder *oa = g_ptr_array_index (na->orders, j);
          WflOrder *ob = g_ptr_array_index (nb->orders, j);

          DIFF (g_strcmp0 (oa->id, ob->id) == 0 && doubles_equal (oa->quantity, ob->quantity) &&
                oa->placed == ob->placed && oa->due == ob->due && oa->priority == ob->priority &&
                g_strcmp0 (oa->source, ob->source) == 0 && oa->confidence == ob->confidence,
                "node %s order %u", na->id, j);
        }
      /* Version 2: allocation */
      DIFF (na->quota_period == nb->quota_period, "node %s quota period", na->id);
      DIFF (na->grants->len == nb->grants->len, "node %s number of grants", na->id);
      for (guint j = 0; j < na->grants->len; j++)
        {
          WflGrant *ga = g_ptr_array_index (na->grants, j);
          WflGrant *gb = g_ptr_array_index (nb->grants, j);

          DIFF (g_strcmp0 (ga->donor, gb->donor) == 0 && g_strcmp0 (ga->recipient, gb->recipient) == 0 &&
                doubles_equal (ga->quantity, gb->quantity) && ga->from == gb->from && ga->to == gb->to &&
                g_strcmp0 (ga->source, gb->source) == 0 && ga->confidence == gb->confidence,
                "node %s grant %u", na->id, j);
        }
    }

  DIFF (wfl_scenario_get_n_links (a) == wfl_scenario_get_n_links (b), "number of links");
  for (guint i = 0; i < wfl_scenario_get_n_links (a); i++)
    {
      WflLink *la = wfl_scenario_get_link (a, i);
      WflLink *lb = wfl_scenario_get_link (b, i);

      DIFF (g_strcmp0 (la->from, lb->from) == 0 && g_strcmp0 (la->to, lb->to) == 0, "link %u ends", i);
      DIFF (g_strcmp0 (la->input, lb->input) == 0, "link %u input", i);
      DIFF (doubles_equal (la->per_unit, lb->per_unit), "link %u per unit", i);
      DIFF (la->transit_weeks == lb->transit_weeks, "link %u transit", i);
      DIFF (la->cover_weeks == lb->cover_weeks, "link %u cover", i);
      DIFF (schedules_equal (la->mix, lb->mix), "link %u mix", i);
      DIFF (la->priority == lb->priority && doubles_equal (la->share, lb->share), "link %u allocation", i);
      DIFF (g_strcmp0 (la->source, lb->source) == 0 && la->confidence == lb->confidence, "link %u source", i);
      /* Version 2: allocation and availability */
      DIFF (schedules_equal (la->weight, lb->weight), "link %u weight", i);
      DIFF (schedules_equal (la->quota, lb->quota), "link %u quota", i);
      DIFF (schedules_equal (la->availability, lb->availability), "link %u availability", i);
    }

  DIFF (va->has_sankey == vb->has_sankey && va->sankey_from == vb->sankey_from &&
        va->sankey_to == vb->sankey_to, "sankey view");
  DIFF (va->has_gantt == vb->has_gantt && va->gantt_mode == vb->gantt_mode &&
        va->gantt_zoom == vb->gantt_zoom && va->gantt_as_of == vb->gantt_as_of, "gantt view");
  DIFF (va->pins->len == vb->pins->len, "number of pins");
  for (guint i = 0; i < va->pins->len; i++)
    {
      WflPin *pa = g_ptr_array_index (va->pins, i);
      WflPin *pb = g_ptr_array_index (vb->pins, i);

      DIFF (g_strcmp0 (pa->node, pb->node) == 0 && pa->column == pb->column &&
            doubles_equal (pa->position, pb->position), "pin %u", i);
    }

  return TRUE;
}

void
wfl_test_assert_equal (WflScenario *a,
                       WflScenario *b)
{
  g_autofree char *where = NULL;

  if (!wfl_test_scenario_equal (a, b, &where))
    g_error ("Scenarios differ in %s", where);
}

void
wfl_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

double
wfl_test_time_scale (void)
{
  const char *text = g_getenv ("WFL_TEST_TIME_SCALE");
  double scale = text != NULL ? g_ascii_strtod (text, NULL) : 1;

  return scale >= 1 && scale <= 100 ? scale : 1;
}

void
wfl_test_wait_until (gboolean (*condition) (gpointer),
                     gpointer   data)
{
  /* 30 s (120 s under the sanitizers): a passing test never waits that
   * long; a loaded CI machine running the sanitizer build needed more
   * than 40 s to reload, simulate and rank a scenario. */
  gint64 end = g_get_monotonic_time () + (gint64) (30 * wfl_test_time_scale () * G_USEC_PER_SEC);

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

gpointer
wfl_test_teaching_document (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();

  return wfl_document_new_for_scenario (scenario, NULL);
}

double
wfl_test_fab_yield (WflDocument *document)
{
  WflNode *node = wfl_scenario_find_node (wfl_document_get_scenario (document), "fab");

  return wfl_schedule_get_point (node->yield, 0)->value;
}

gboolean
wfl_test_document_not_busy (gpointer data)
{
  return !wfl_document_get_busy (data);
}
