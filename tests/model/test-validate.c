/* test-validate.c: every rule of docs/model.md's validation
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-model.h"

/* The teaching example (wafers → fab → cust), valid as built. */
static WflScenario *
base (void)
{
  return wfl_scenario_new_teaching_example ();
}

static WflNode *
node (WflScenario *s,
      const char  *id)
{
  WflNode *n = wfl_scenario_find_node (s, id);

  g_assert_nonnull (n);
  return n;
}

static WflLink *
link_at (WflScenario *s,
         guint        i)
{
  return wfl_scenario_get_link (s, i);
}

/* Asserts that exactly `expected` problems are found and that one of them
 * contains every given substring (NULL-terminated) and is a sentence. */
static void
expect_problem (WflScenario *s,
                guint        expected,
                ...)
{
  g_autoptr(GPtrArray) problems = NULL;
  gboolean found = FALSE;

  wfl_scenario_changed (s);
  problems = wfl_scenario_validate (s);
  if (expected == 0)
    found = TRUE;
  for (guint i = 0; i < problems->len && !found; i++)
    {
      const WflProblem *p = g_ptr_array_index (problems, i);
      gboolean all = TRUE;
      const char *needle;
      va_list args;

      va_start (args, expected);
      while ((needle = va_arg (args, const char *)) != NULL)
        all &= strstr (p->message, needle) != NULL;
      va_end (args);
      if (all)
        {
          found = TRUE;
          g_assert_true (g_str_has_suffix (p->message, "."));
          g_assert_true (g_ascii_isupper (p->message[0]));
        }
    }
  if (!found || problems->len != expected)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("problem: %s\n", ((WflProblem *) g_ptr_array_index (problems, i))->message);
    }
  g_assert_true (found);
  g_assert_cmpuint (problems->len, ==, expected);
}

static void
test_validate_valid (void)
{
  g_autoptr(WflScenario) s = base ();
  g_autoptr(GPtrArray) problems = wfl_scenario_validate (s);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (wfl_scenario_check (s, &error));
  g_assert_no_error (error);
}

static void
test_validate_duplicate_node (void)
{
  g_autoptr(WflScenario) s = base ();
  WflNode *dup = wfl_node_new ("fab", WFL_NODE_KIND_SUPPLY);

  node (s, "fab")->line = 7;
  dup->line = 12;
  wfl_scenario_add_node (s, dup);
  expect_problem (s, 1, "“fab”", "twice", "line 7", NULL);
}

static void
test_validate_invalid_ids (void)
{
  g_autoptr(WflScenario) s = base ();
  WflNode *bad = wfl_node_new ("bad id!", WFL_NODE_KIND_SUPPLY);

  wfl_scenario_add_node (s, bad);
  expect_problem (s, 1, "“bad id!”", "not valid", NULL);

  g_clear_pointer (&bad->id, g_free);
  expect_problem (s, 1, "no id", NULL);
}

static void
test_validate_duplicate_source (void)
{
  g_autoptr(WflScenario) s = base ();

  wfl_scenario_add_source (s, wfl_source_new ("seed"));
  wfl_scenario_add_source (s, wfl_source_new ("seed"));
  expect_problem (s, 1, "“seed”", "twice", NULL);
}

static void
test_validate_unknown_source (void)
{
  g_autoptr(WflScenario) s = base ();

  node (s, "fab")->source = g_strdup ("nowhere");
  expect_problem (s, 1, "“fab”", "“nowhere”", NULL);
}

static void
test_validate_duplicate_order (void)
{
  g_autoptr(WflScenario) s = base ();
  WflNode *other = wfl_node_new ("cust2", WFL_NODE_KIND_CUSTOMER);

  g_ptr_array_add (other->orders, wfl_order_new ("o1", 5, wfl_date_from_ymd (2023, 1, 2)));
  wfl_scenario_add_node (s, other);
  wfl_scenario_add_link (s, wfl_link_new ("fab", "cust2"));
  expect_problem (s, 1, "“o1”", "twice", NULL);
}

static void
test_validate_dangling_link (void)
{
  g_autoptr(WflScenario) s = base ();

  wfl_scenario_add_link (s, wfl_link_new ("ghost", "fab"));
  expect_problem (s, 1, "“ghost”", "does not exist", NULL);
  link_at (s, 2)->from = (g_free (link_at (s, 2)->from), g_strdup ("wafers"));
  link_at (s, 2)->to = (g_free (link_at (s, 2)->to), g_strdup ("phantom"));
  expect_problem (s, 1, "“phantom”", "does not exist", NULL);
}

static void
test_validate_dangling_pin (void)
{
  g_autoptr(WflScenario) s = base ();

  g_ptr_array_add (wfl_scenario_get_views (s)->pins, wfl_pin_new ("nope"));
  expect_problem (s, 1, "“nope”", NULL);
}

static void
test_validate_cycle (void)
{
  g_autoptr(WflScenario) s = wfl_scenario_new ();
  const char *ids[] = { "a", "b", "c", "d" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    wfl_scenario_add_node (s, wfl_node_new (ids[i], WFL_NODE_KIND_PROCESS));
  /* d → a → b → c → a: the cycle is a → b → c → a. */
  wfl_scenario_add_link (s, wfl_link_new ("d", "a"));
  wfl_scenario_add_link (s, wfl_link_new ("a", "b"));
  wfl_scenario_add_link (s, wfl_link_new ("b", "c"));
  wfl_scenario_add_link (s, wfl_link_new ("c", "a"));
  expect_problem (s, 1, "a → b → c → a", NULL);
}

static void
test_validate_self_loop (void)
{
  g_autoptr(WflScenario) s = base ();

  wfl_scenario_add_link (s, wfl_link_new ("fab", "fab"));
  expect_problem (s, 1, "fab → fab", NULL);
}

static void
test_validate_long_cycle_linear (void)
{
  g_autoptr(WflScenario) s = wfl_scenario_new ();
  guint n = 20000;

  /* A chain of 20,000 nodes closed into one cycle, plus chords: found
   * once, quickly, without recursion. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);

      wfl_scenario_add_node (s, wfl_node_new (id, WFL_NODE_KIND_PROCESS));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = g_strdup_printf ("n%u", i);
      g_autofree char *b = g_strdup_printf ("n%u", (i + 1) % n);

      wfl_scenario_add_link (s, wfl_link_new (a, b));
    }
  expect_problem (s, 1, "n0 → n1 → n2", "n19999 → n0", NULL);
}

static void
test_validate_per_unit (void)
{
  g_autoptr(WflScenario) s = base ();

  link_at (s, 0)->per_unit = 0;
  expect_problem (s, 1, "per-unit", "“wafers” → “fab”", NULL);
  link_at (s, 0)->per_unit = -2;
  expect_problem (s, 1, "per-unit", "-2", NULL);
}

static void
test_validate_yield (void)
{
  g_autoptr(WflScenario) s = base ();
  WflNode *fab = node (s, "fab");
  WflDate start = wfl_scenario_get_start (s);

  wfl_schedule_free (fab->yield);
  fab->yield = wfl_schedule_new ();
  wfl_schedule_add_point (fab->yield, start, 0.5, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (fab->yield, start + 28, 1.2, WFL_INTERPOLATE_LINEAR)->line = 40;
  expect_problem (s, 1, "yield", "“fab”", "1.2", NULL);

  wfl_schedule_get_point (fab->yield, 1)->value = 0;
  expect_problem (s, 1, "yield", "“fab”", NULL);
}

static void
test_validate_negative_capacity (void)
{
  g_autoptr(WflScenario) s = base ();

  wfl_schedule_get_point (node (s, "fab")->capacity, 0)->value = -1;
  expect_problem (s, 1, "capacity", "“fab”", "negative", NULL);
}

static void
test_validate_weeks_ranges (void)
{
  g_autoptr(WflScenario) s = base ();

  node (s, "fab")->lead_weeks = 21;   /* the calendar has 20 weeks */
  expect_problem (s, 1, "lead time", "“fab”", "21", NULL);
  node (s, "fab")->lead_weeks = -1;
  expect_problem (s, 1, "lead time", "“fab”", NULL);
  node (s, "fab")->lead_weeks = 20;
  link_at (s, 1)->transit_weeks = -3;
  expect_problem (s, 1, "transit", "“fab” → “cust”", NULL);
  link_at (s, 1)->transit_weeks = 0;
  link_at (s, 1)->cover_weeks = 21;
  expect_problem (s, 1, "cover time", "“fab” → “cust”", "21", NULL);
}

static void
test_validate_negative_quantities (void)
{
  g_autoptr(WflScenario) s = base ();
  WflNode *cust = node (s, "cust");
  WflOrder *order = g_ptr_array_index (cust->orders, 0);

  order->quantity = -30;
  expect_problem (s, 1, "quantity", "“o1”", NULL);
  order->quantity = 30;
  node (s, "fab")->initial_rate = -1;
  expect_problem (s, 1, "initial rate", "“fab”", NULL);
  node (s, "fab")->initial_rate = 0;
  node (s, "fab")->initial_stock = -1;
  expect_problem (s, 1, "initial stock", "“fab”", NULL);
  node (s, "fab")->initial_stock = 0;
  link_at (s, 0)->share = -1;
  expect_problem (s, 1, "share", "“wafers” → “fab”", NULL);
  link_at (s, 0)->share = 1;
  link_at (s, 0)->mix = wfl_schedule_new_constant (-0.5);
  expect_problem (s, 1, "mix", "“wafers” → “fab”", NULL);
}

static void
test_validate_into_supply_out_of_customer (void)
{
  g_autoptr(WflScenario) s = base ();

  wfl_scenario_add_link (s, wfl_link_new ("cust", "wafers"));
  /* Both ends are wrong, and the link closes a cycle. */
  expect_problem (s, 3, "supply node “wafers”", NULL);
  expect_problem (s, 3, "customer “cust”", NULL);
  expect_problem (s, 3, "wafers → fab → cust → wafers", NULL);
}

static void
test_validate_non_finite (void)
{
  g_autoptr(WflScenario) s = base ();

  link_at (s, 0)->per_unit = NAN;
  expect_problem (s, 1, "per-unit", "finite", NULL);
  link_at (s, 0)->per_unit = 0.1;
  wfl_schedule_get_point (node (s, "wafers")->capacity, 0)->value = INFINITY;
  expect_problem (s, 1, "capacity", "“wafers”", "finite", NULL);
}

static void
test_validate_calendar (void)
{
  g_autoptr(WflScenario) s = base ();

  wfl_scenario_set_calendar (s, wfl_scenario_get_start (s), 0);
  /* lead 2 of fab is now also beyond the calendar */
  expect_problem (s, 2, "calendar", "0 weeks", NULL);
  wfl_scenario_set_calendar (s, wfl_scenario_get_start (s), 1000000);
  expect_problem (s, 1, "calendar", "1000000", NULL);
}

static void
test_validate_due_before_placed (void)
{
  g_autoptr(WflScenario) s = base ();
  WflOrder *order = g_ptr_array_index (node (s, "cust")->orders, 0);

  order->due = order->placed - 7;
  expect_problem (s, 1, "“o1”", "due before", NULL);
}

static void
test_validate_alternative_per_unit (void)
{
  g_autoptr(WflScenario) s = base ();
  WflNode *w2 = wfl_node_new ("wafers2", WFL_NODE_KIND_SUPPLY);
  WflLink *l = wfl_link_new ("wafers2", "fab");

  wfl_scenario_add_node (s, w2);
  link_at (s, 0)->input = g_strdup ("wafer");
  l->input = g_strdup ("wafer");
  l->per_unit = 0.2;
  wfl_scenario_add_link (s, l);
  expect_problem (s, 1, "“wafers2” → “fab”", "“wafer”", "same per-unit", NULL);
}

static void
test_validate_duplicate_link (void)
{
  g_autoptr(WflScenario) s = base ();
  WflLink *l = wfl_link_new ("wafers", "fab");

  l->per_unit = 0.1;
  wfl_scenario_add_link (s, l);
  expect_problem (s, 1, "“wafers” → “fab”", "twice", NULL);

  /* The same pair on another input is a second BOM line: fine. */
  l->input = g_strdup ("spare");
  expect_problem (s, 0, NULL);
}

static void
test_validate_orders_on_process (void)
{
  g_autoptr(WflScenario) s = base ();

  g_ptr_array_add (node (s, "fab")->orders, wfl_order_new ("o9", 1, wfl_scenario_get_start (s)));
  expect_problem (s, 1, "“fab”", "not a customer", NULL);
}

static void
test_validate_document_order (void)
{
  g_autoptr(WflScenario) s = base ();
  g_autoptr(GPtrArray) problems = NULL;

  /* A link problem (line 30) found in the link pass comes after a node
   * problem (line 10), and a cycle found at the end sorts by its line. */
  node (s, "wafers")->line = 10;
  wfl_schedule_get_point (node (s, "wafers")->capacity, 0)->value = -5;
  link_at (s, 0)->line = 30;
  link_at (s, 0)->per_unit = 0;
  node (s, "fab")->line = 20;
  node (s, "fab")->lead_weeks = 99;
  problems = wfl_scenario_validate (s);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpint (((WflProblem *) g_ptr_array_index (problems, 0))->line, ==, 10);
  g_assert_cmpint (((WflProblem *) g_ptr_array_index (problems, 1))->line, ==, 20);
  g_assert_cmpint (((WflProblem *) g_ptr_array_index (problems, 2))->line, ==, 30);
}

/* Version 2: grants, weights, quotas and availability ---------------------- */

/* The teaching example with a second customer of fab, and fab allocating
 * by quota. */
static WflScenario *
base_quota (void)
{
  WflScenario *s = base ();
  WflNode *cust2 = wfl_node_new ("cust2", WFL_NODE_KIND_CUSTOMER);

  wfl_scenario_add_node (s, cust2);
  wfl_scenario_add_link (s, wfl_link_new ("fab", "cust2"));
  node (s, "fab")->allocation = WFL_ALLOCATION_QUOTA;
  return s;
}

static void
test_validate_grants (void)
{
  g_autoptr(WflScenario) s = base_quota ();
  WflGrant *g = wfl_grant_new ("cust", "cust2", 10, wfl_scenario_get_start (s));

  g_ptr_array_add (node (s, "fab")->grants, g);
  expect_problem (s, 0, NULL);

  g_free (g->donor);
  g->donor = g_strdup ("wafers");
  expect_problem (s, 1, "Grant 1 of node “fab”", "donor “wafers”", "no link to “wafers”", NULL);
  g_free (g->donor);
  g->donor = NULL;
  expect_problem (s, 1, "Grant 1 of node “fab”", "no donor", NULL);
  g->donor = g_strdup ("cust2");
  expect_problem (s, 1, "gives “cust2” quota to itself", NULL);
  g_free (g->recipient);
  g->recipient = g_strdup ("cust");

  g->quantity = -5;
  expect_problem (s, 1, "quantity of grant 1", "negative", NULL);
  g->quantity = NAN;
  expect_problem (s, 1, "quantity of grant 1", "finite", NULL);
  g->quantity = 5;
  g->to = g->from - 7;
  expect_problem (s, 1, "ends before it starts", NULL);
  g->to = WFL_DATE_NONE;
  g->from = WFL_DATE_NONE;
  expect_problem (s, 1, "no from date", NULL);
  g->from = wfl_scenario_get_start (s);
  g->source = g_strdup ("nowhere");
  expect_problem (s, 1, "Grant 1 of node “fab”", "source “nowhere”", NULL);
  g_clear_pointer (&g->source, g_free);
  expect_problem (s, 0, NULL);

  /* A customer has no links to move quota between. */
  g_ptr_array_add (node (s, "cust")->grants, wfl_grant_new ("cust", "cust2", 1, g->from));
  expect_problem (s, 1, "Grant 1 of node “cust”", "a customer", NULL);
}

/* Two links from one node to another (two inputs of a process): a grant
 * cannot tell them apart. */
static void
test_validate_grant_ambiguous (void)
{
  g_autoptr(WflScenario) s = base ();
  WflLink *second = wfl_link_new ("wafers", "fab");

  second->input = g_strdup ("spare");
  second->per_unit = 0.2;
  wfl_scenario_add_link (s, second);
  wfl_scenario_add_node (s, wfl_node_new ("fab2", WFL_NODE_KIND_PROCESS));
  wfl_scenario_add_link (s, wfl_link_new ("wafers", "fab2"));
  g_ptr_array_add (node (s, "wafers")->grants,
                   wfl_grant_new ("fab", "fab2", 1, wfl_scenario_get_start (s)));
  expect_problem (s, 1, "donor “fab”", "several links to “fab”", NULL);
}

static void
test_validate_allocation_schedules (void)
{
  g_autoptr(WflScenario) s = base_quota ();
  WflLink *link = link_at (s, 1);

  link->weight = wfl_schedule_new_constant (-1);
  expect_problem (s, 1, "weight of link “fab” → “cust”", "negative", NULL);
  g_clear_pointer (&link->weight, wfl_schedule_free);
  link->quota = wfl_schedule_new_constant (INFINITY);
  expect_problem (s, 1, "quota of link “fab” → “cust”", "finite", NULL);
  g_clear_pointer (&link->quota, wfl_schedule_free);

  link->availability = wfl_schedule_new ();
  wfl_schedule_add_point (link->availability, wfl_scenario_get_start (s) + 70, 0, WFL_INTERPOLATE_STEP);
  expect_problem (s, 0, NULL);
  wfl_schedule_add_point (link->availability, wfl_scenario_get_start (s) + 14, 1, WFL_INTERPOLATE_STEP);
  expect_problem (s, 1, "availability of link “fab” → “cust”", "dated before", NULL);
  wfl_schedule_get_point (link->availability, 1)->date = WFL_DATE_NONE;
  expect_problem (s, 1, "availability of link “fab” → “cust”", "without a date", NULL);
  wfl_schedule_get_point (link->availability, 1)->date = wfl_scenario_get_start (s) + 140;
  wfl_schedule_get_point (link->availability, 1)->value = 0.5;
  expect_problem (s, 1, "neither open (1) nor closed (0)", NULL);
}

/* --- Capacity: pools, equipment suppliers, expansions (version 2) ---------- */

/* pool (10 a week) → proc → cust; tools (equipment); proc's capacity
 * expanded with tools from `tools`.  Valid as built. */
static WflScenario *
capacity_base (void)
{
  WflScenario *s = wfl_scenario_new ();
  WflNode *pool = wfl_node_new ("pool", WFL_NODE_KIND_POOL);
  WflNode *proc = wfl_node_new ("proc", WFL_NODE_KIND_PROCESS);
  WflNode *tools = wfl_node_new ("tools", WFL_NODE_KIND_EQUIPMENT);
  WflExpansion *x = wfl_expansion_new (wfl_date_from_ymd (2023, 3, 6), 5);

  wfl_scenario_set_calendar (s, wfl_date_from_ymd (2023, 1, 2), 52);
  pool->capacity = wfl_schedule_new_constant (10);
  proc->capacity = wfl_schedule_new_constant (100);
  x->supplier = g_strdup ("tools");
  x->tools = 3;
  g_ptr_array_add (proc->expansions, x);
  wfl_scenario_add_node (s, pool);
  wfl_scenario_add_node (s, proc);
  wfl_scenario_add_node (s, wfl_node_new ("cust", WFL_NODE_KIND_CUSTOMER));
  wfl_scenario_add_node (s, tools);
  wfl_scenario_add_link (s, wfl_link_new ("pool", "proc"));
  wfl_scenario_add_link (s, wfl_link_new ("proc", "cust"));
  return s;
}

static WflExpansion *
first_expansion (WflScenario *s)
{
  return g_ptr_array_index (node (s, "proc")->expansions, 0);
}

static void
test_validate_capacity_valid (void)
{
  g_autoptr(WflScenario) s = capacity_base ();

  expect_problem (s, 0, NULL);
}

static void
test_validate_pool_shape (void)
{
  g_autoptr(WflScenario) s = capacity_base ();

  wfl_scenario_add_node (s, wfl_node_new ("wafers", WFL_NODE_KIND_SUPPLY));
  wfl_scenario_add_link (s, wfl_link_new ("wafers", "pool"));
  expect_problem (s, 1, "pool", "has no inputs", NULL);
  wfl_link_free (wfl_scenario_remove_link (s, 2));

  wfl_scenario_add_link (s, wfl_link_new ("pool", "cust"));
  expect_problem (s, 1, "customer node", "goes to processes", NULL);
  wfl_link_free (wfl_scenario_remove_link (s, 2));

  link_at (s, 0)->transit_weeks = 1;
  expect_problem (s, 1, "transit or cover", NULL);
  link_at (s, 0)->transit_weeks = 0;
  link_at (s, 0)->cover_weeks = 2;
  expect_problem (s, 1, "transit or cover", NULL);
  link_at (s, 0)->cover_weeks = 0;

  node (s, "pool")->lead_weeks = 2;
  expect_problem (s, 1, "Pool “pool” has a lead time", NULL);
  node (s, "pool")->lead_weeks = 0;
  node (s, "pool")->yield = wfl_schedule_new_constant (0.5);
  expect_problem (s, 1, "has a yield", NULL);
  g_clear_pointer (&node (s, "pool")->yield, wfl_schedule_free);
  node (s, "pool")->initial_stock = 3;
  expect_problem (s, 1, "initial rate or stock", NULL);
  node (s, "pool")->initial_stock = 0;
  expect_problem (s, 0, NULL);
}

/* A line that draws on a pool draws on pools only. */
static void
test_validate_pool_line (void)
{
  g_autoptr(WflScenario) s = capacity_base ();
  WflLink *link;

  wfl_scenario_add_node (s, wfl_node_new ("wafers", WFL_NODE_KIND_SUPPLY));
  link = wfl_link_new ("wafers", "proc");
  link->input = g_strdup ("pool");
  wfl_scenario_add_link (s, link);
  expect_problem (s, 1, "Input “pool” of “proc”", "pools only", NULL);
  /* Another pool as an alternative source is fine. */
  node (s, "wafers")->kind = WFL_NODE_KIND_POOL;
  expect_problem (s, 0, NULL);
}

static void
test_validate_equipment (void)
{
  g_autoptr(WflScenario) s = capacity_base ();
  WflExpansion *x = wfl_expansion_new (wfl_date_from_ymd (2023, 3, 6), 5);

  wfl_scenario_add_link (s, wfl_link_new ("tools", "proc"));
  expect_problem (s, 1, "equipment supplier “tools”", "has no links", NULL);
  wfl_link_free (wfl_scenario_remove_link (s, 2));
  wfl_scenario_add_link (s, wfl_link_new ("proc", "tools"));
  expect_problem (s, 1, "equipment supplier “tools”", "has no links", NULL);
  wfl_link_free (wfl_scenario_remove_link (s, 2));

  node (s, "tools")->capacity = wfl_schedule_new_constant (1);
  g_ptr_array_add (node (s, "tools")->expansions, x);
  expect_problem (s, 1, "Equipment supplier “tools” has expansions", NULL);
  g_ptr_array_set_size (node (s, "tools")->expansions, 0);
  node (s, "tools")->initial_rate = 1;
  expect_problem (s, 1, "initial rate or stock", NULL);
  node (s, "tools")->initial_rate = 0;
  node (s, "tools")->lead_weeks = 53;
  expect_problem (s, 1, "lead time of node “tools”", NULL);
}

static void
test_validate_expansion (void)
{
  g_autoptr(WflScenario) s = capacity_base ();
  WflExpansion *x = first_expansion (s);

  g_clear_pointer (&node (s, "proc")->capacity, wfl_schedule_free);
  expect_problem (s, 1, "Node “proc” has an expansion but no capacity", NULL);
  node (s, "proc")->capacity = wfl_schedule_new_constant (100);

  x->ordered = WFL_DATE_NONE;
  expect_problem (s, 1, "An expansion of “proc” has no ordered date", NULL);
  x->ordered = wfl_date_from_ymd (2023, 1, 2) - 7 * 10000 - 1;
  expect_problem (s, 1, "more than 10000 weeks before", NULL);
  x->ordered = wfl_date_from_ymd (2023, 1, 2) - 7 * 10000;
  expect_problem (s, 0, NULL);

  x->capacity = -1;
  expect_problem (s, 1, "The capacity of an expansion of “proc”", "negative", NULL);
  x->capacity = NAN;
  expect_problem (s, 1, "The capacity of an expansion of “proc”", "finite", NULL);
  x->capacity = 5;

  x->lead_weeks = 10001;
  expect_problem (s, 1, "lead or qualification time", NULL);
  x->lead_weeks = 0;
  x->qualification_weeks = -1;
  expect_problem (s, 1, "lead or qualification time", NULL);
  x->qualification_weeks = 10000;
  expect_problem (s, 0, NULL);

  g_free (x->supplier);
  x->supplier = g_strdup ("nowhere");
  expect_problem (s, 1, "names supplier “nowhere”, which does not exist", NULL);
  g_free (x->supplier);
  x->supplier = g_strdup ("pool");
  expect_problem (s, 1, "names supplier “pool”, a pool node", NULL);
  g_free (x->supplier);
  x->supplier = g_strdup ("tools");
  x->tools = 0;
  expect_problem (s, 1, "The tools of an expansion of “proc” is 0", NULL);
  x->tools = INFINITY;
  expect_problem (s, 1, "The tools of an expansion of “proc”", "finite", NULL);
  g_clear_pointer (&x->supplier, g_free);
  x->tools = 2;
  expect_problem (s, 1, "gives tools but no supplier", NULL);
  x->tools = 1;
  x->source = g_strdup ("nowhere");
  expect_problem (s, 1, "refers to source “nowhere”", NULL);
  g_clear_pointer (&x->source, g_free);

  g_ptr_array_add (node (s, "cust")->expansions, wfl_expansion_new (wfl_date_from_ymd (2023, 3, 6), 1));
  expect_problem (s, 1, "Customer “cust” has an expansion", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/validate/valid", test_validate_valid);
  g_test_add_func ("/wfl/model/validate/duplicate-node", test_validate_duplicate_node);
  g_test_add_func ("/wfl/model/validate/invalid-ids", test_validate_invalid_ids);
  g_test_add_func ("/wfl/model/validate/duplicate-source", test_validate_duplicate_source);
  g_test_add_func ("/wfl/model/validate/unknown-source", test_validate_unknown_source);
  g_test_add_func ("/wfl/model/validate/duplicate-order", test_validate_duplicate_order);
  g_test_add_func ("/wfl/model/validate/dangling-link", test_validate_dangling_link);
  g_test_add_func ("/wfl/model/validate/dangling-pin", test_validate_dangling_pin);
  g_test_add_func ("/wfl/model/validate/cycle", test_validate_cycle);
  g_test_add_func ("/wfl/model/validate/self-loop", test_validate_self_loop);
  g_test_add_func ("/wfl/model/validate/long-cycle", test_validate_long_cycle_linear);
  g_test_add_func ("/wfl/model/validate/per-unit", test_validate_per_unit);
  g_test_add_func ("/wfl/model/validate/yield", test_validate_yield);
  g_test_add_func ("/wfl/model/validate/negative-capacity", test_validate_negative_capacity);
  g_test_add_func ("/wfl/model/validate/weeks-ranges", test_validate_weeks_ranges);
  g_test_add_func ("/wfl/model/validate/negative-quantities", test_validate_negative_quantities);
  g_test_add_func ("/wfl/model/validate/into-supply-out-of-customer", test_validate_into_supply_out_of_customer);
  g_test_add_func ("/wfl/model/validate/non-finite", test_validate_non_finite);
  g_test_add_func ("/wfl/model/validate/calendar", test_validate_calendar);
  g_test_add_func ("/wfl/model/validate/due-before-placed", test_validate_due_before_placed);
  g_test_add_func ("/wfl/model/validate/alternative-per-unit", test_validate_alternative_per_unit);
  g_test_add_func ("/wfl/model/validate/duplicate-link", test_validate_duplicate_link);
  g_test_add_func ("/wfl/model/validate/orders-on-process", test_validate_orders_on_process);
  g_test_add_func ("/wfl/model/validate/document-order", test_validate_document_order);
  g_test_add_func ("/wfl/model/validate/grants", test_validate_grants);
  g_test_add_func ("/wfl/model/validate/grant-ambiguous", test_validate_grant_ambiguous);
  g_test_add_func ("/wfl/model/validate/allocation-schedules", test_validate_allocation_schedules);
  g_test_add_func ("/wfl/model/validate/capacity/valid", test_validate_capacity_valid);
  g_test_add_func ("/wfl/model/validate/capacity/pool-shape", test_validate_pool_shape);
  g_test_add_func ("/wfl/model/validate/capacity/pool-line", test_validate_pool_line);
  g_test_add_func ("/wfl/model/validate/capacity/equipment", test_validate_equipment);
  g_test_add_func ("/wfl/model/validate/capacity/expansion", test_validate_expansion);

  return g_test_run ();
}
