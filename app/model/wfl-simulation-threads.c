/* wfl-simulation-threads.c: the weekly plan on every core
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan of a week (wfl-simulation-plan.c) is two passes over the
 * nodes: rates upstream first, needs downstream first.  A node reads
 * only what its suppliers (rates) or its consumers (needs) wrote before
 * it in the pass, so every node of one level (its depth, the longest
 * path from a source, for the rates; its height, the longest path to a
 * sink, for the needs) can be planned at the same time, and the result
 * has the same bits as the pass in topological order, whatever the
 * threads and their timing.
 *
 * A large scenario's run (wfl_simulation_run()) starts helper threads
 * that stay for the run.  For each level the caller publishes the job,
 * then every thread, the caller too, takes nodes a few at a time until
 * none is left, and the caller waits until the helpers are done before
 * the next level.  Helpers wait for a job spinning for a moment (levels
 * follow each other closely), then asleep on a condition (between weeks,
 * while the caller starts and ships).  Each helper plans in a view of
 * the run of its own: the same arrays, its own scratch.
 */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include "wfl-simulation-internal.h"

/* Nodes taken at a time, and the smallest level worth sharing. */
#define CHUNK 4
#define SHARED_LEVEL 16
/* Polls of a flag before a helper sleeps or the caller yields. */
#define SPINS 4000
/* Weeks between two timings of the plan with and without helpers. */
#define PROBE 32
#define MAX_PROBE 256

typedef struct
{
  WflSimThreads *pool;
  WflSimRun      view;
  GThread       *thread;
} Helper;

struct _WflSimThreads
{
  WflSimulation *self;
  WflSimRun     *run;
  int            n_helpers;
  Helper        *helpers;
  int            min_shared;  /* the smallest level shared with the helpers */
  gboolean       forced;      /* threads asked for: always shared */
  gboolean       shared;      /* the weeks go on the helpers */
  gboolean       probing;     /* this week is the shared half of a probe */
  gint64         alone;       /* µs of the probe's week alone */
  int            interval;    /* weeks from one probe to the next */
  int            next_probe;  /* the week of the next probe */

  /* The job: one level of a pass. */
  const int     *nodes;
  int            n;
  int            t;
  gboolean       rates;
  gint           next;        /* atomic: the next node of the level to take */
  gint           pending;     /* atomic: helpers not done with the job */
  gint           generation;  /* atomic: bumped for each job */
  gint           quit;        /* atomic */

  GMutex         mutex;
  GCond          cond;
};

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#endif
}

/* ------------------------------------------------------------------ */
/* Levels */

/* One pass's levels: nodes sorted by level (level[n]), in topological
 * order within a level, into order; the levels' starts into *first. */
static void
sort_by_level (WflSimulation *self,
               const int     *level,
               int            n_levels,
               int          **order,
               int          **first)
{
  int N = self->n_nodes;
  g_autofree int *fill = g_new0 (int, n_levels + 1);

  *order = g_new (int, MAX (N, 1));
  *first = g_new0 (int, n_levels + 1);
  for (int n = 0; n < N; n++)
    (*first)[level[n] + 1]++;
  for (int d = 0; d < n_levels; d++)
    (*first)[d + 1] += (*first)[d];
  for (int i = 0; i < N; i++)
    {
      int n = self->topo[i];

      (*order)[(*first)[level[n]] + fill[level[n]]++] = n;
    }
}

/* Depth and height of every node, and the passes' orders by them. */
void
_wfl_simulation_compile_levels (WflSimulation *self)
{
  int N = self->n_nodes;
  g_autofree int *depth = g_new0 (int, MAX (N, 1));
  g_autofree int *height = g_new0 (int, MAX (N, 1));
  int max_depth = 0, max_height = 0;

  for (int i = 0; i < N; i++)
    {
      int v = self->topo[i];

      for (int k = self->out_first[v]; k < self->out_first[v + 1]; k++)
        {
          int w = self->link_to[self->out_links[k]];

          depth[w] = MAX (depth[w], depth[v] + 1);
        }
      max_depth = MAX (max_depth, depth[v]);
    }
  for (int i = N - 1; i >= 0; i--)
    {
      int v = self->topo[i];

      for (int k = self->out_first[v]; k < self->out_first[v + 1]; k++)
        height[v] = MAX (height[v], height[self->link_to[self->out_links[k]]] + 1);
      max_height = MAX (max_height, height[v]);
    }
  self->n_up_levels = N > 0 ? max_depth + 1 : 0;
  self->n_down_levels = N > 0 ? max_height + 1 : 0;
  sort_by_level (self, depth, self->n_up_levels, &self->up_order, &self->up_level_first);
  sort_by_level (self, height, self->n_down_levels, &self->down_order, &self->down_level_first);
}

/* ------------------------------------------------------------------ */
/* Jobs */

/* Takes nodes of the current level CHUNK at a time until none is left. */
static void
work (WflSimThreads *pool,
      WflSimRun     *view)
{
  for (;;)
    {
      int i = g_atomic_int_add (&pool->next, CHUNK);
      int end = MIN (i + CHUNK, pool->n);

      if (i >= pool->n)
        return;
      for (; i < end; i++)
        _wfl_simulation_plan_node (pool->self, view, pool->nodes[i], pool->t, pool->rates);
    }
}

static gpointer
helper_main (gpointer data)
{
  Helper *helper = data;
  WflSimThreads *pool = helper->pool;
  int seen = 0;

  for (;;)
    {
      int spins = 0, generation;

      while ((generation = g_atomic_int_get (&pool->generation)) == seen)
        {
          if (++spins < SPINS)
            {
              cpu_relax ();
              continue;
            }
          g_mutex_lock (&pool->mutex);
          while (g_atomic_int_get (&pool->generation) == seen)
            g_cond_wait (&pool->cond, &pool->mutex);
          g_mutex_unlock (&pool->mutex);
        }
      seen = generation;
      if (g_atomic_int_get (&pool->quit))
        return NULL;
      work (pool, &helper->view);
      g_atomic_int_add (&pool->pending, -1);
    }
}

static void
publish (WflSimThreads *pool)
{
  g_atomic_int_set (&pool->next, 0);
  g_atomic_int_set (&pool->pending, pool->n_helpers);
  g_mutex_lock (&pool->mutex);
  g_atomic_int_inc (&pool->generation);
  g_cond_broadcast (&pool->cond);
  g_mutex_unlock (&pool->mutex);
}

/* Plans one level (nodes[0 … n − 1]) of a pass, on every thread when it
 * is large enough to share. */
static void
run_level (WflSimThreads *pool,
           const int     *nodes,
           int            n,
           int            t,
           gboolean       rates)
{
  int spins = 0;

  if (n < pool->min_shared)
    {
      for (int i = 0; i < n; i++)
        _wfl_simulation_plan_node (pool->self, pool->run, nodes[i], t, rates);
      return;
    }
  pool->nodes = nodes;
  pool->n = n;
  pool->t = t;
  pool->rates = rates;
  publish (pool);
  work (pool, pool->run);
  while (g_atomic_int_get (&pool->pending) > 0)
    {
      if (++spins < SPINS)
        cpu_relax ();
      else
        g_thread_yield ();
    }
}

/* Both passes in topological order on the calling thread. */
static void
plan_serial (WflSimThreads *pool,
             int            t)
{
  WflSimulation *self = pool->self;

  for (int i = 0; i < self->n_nodes; i++)
    _wfl_simulation_plan_node (self, pool->run, self->topo[i], t, TRUE);
  for (int i = self->n_nodes - 1; i >= 0; i--)
    _wfl_simulation_plan_node (self, pool->run, self->topo[i], t, FALSE);
}

/* Both passes level by level, on the helpers; when budget (µs, 0 for
 * none) runs out before the end, the remaining levels go on the calling
 * thread alone (same bits) and FALSE is returned. */
static gboolean
plan_levels (WflSimThreads *pool,
             int            t,
             gint64         budget)
{
  WflSimulation *self = pool->self;
  gint64 start = budget > 0 ? g_get_monotonic_time () : 0;
  int saved = pool->min_shared;
  gboolean ok = TRUE;

  for (int d = 0; d < self->n_up_levels + self->n_down_levels; d++)
    {
      gboolean rates = d < self->n_up_levels;
      const int *first = rates ? self->up_level_first : self->down_level_first;
      const int *order = rates ? self->up_order : self->down_order;
      int level = rates ? d : d - self->n_up_levels;

      run_level (pool, order + first[level], first[level + 1] - first[level], t, rates);
      if (ok && budget > 0 && g_get_monotonic_time () - start > budget)
        {
          ok = FALSE;
          pool->min_shared = G_MAXINT;
        }
    }
  pool->min_shared = saved;
  return ok;
}

/* Plans week t, on the helpers or on the calling thread alone: the
 * results are the same bits, so the choice is only about time.  A week
 * is timed each way now and then, and the weeks until the next such
 * probe go the faster way; on a machine busy with other work, helpers
 * that wait for a core cost more than they save, so a shared week that
 * takes longer than twice the last week alone finishes alone, and a
 * probe that finds sharing slower doubles the weeks to the next one (up
 * to MAX_PROBE).  Threads asked for (_wfl_simulation_set_plan_threads())
 * are always used. */
void
_wfl_simulation_threads_plan (WflSimThreads *pool,
                              int            t)
{
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  if (pool->forced)
    {
      plan_levels (pool, t, 0);
      return;
    }
  if (t >= pool->next_probe && !pool->probing)
    {
      /* A probe: this week alone, the next one shared. */
      plan_serial (pool, t);
      pool->alone = MAX (g_get_monotonic_time () - start, 1);
      pool->probing = TRUE;
      return;
    }
  if (pool->probing)
    {
      ok = plan_levels (pool, t, 2 * pool->alone);
      pool->shared = ok && g_get_monotonic_time () - start < pool->alone;
      pool->interval = pool->shared ? PROBE : MIN (2 * pool->interval, MAX_PROBE);
      pool->next_probe = t + pool->interval;
      pool->probing = FALSE;
      return;
    }
  if (!pool->shared)
    plan_serial (pool, t);
  else if (!plan_levels (pool, t, 2 * pool->alone))
    pool->shared = FALSE;
}

/* ------------------------------------------------------------------ */
/* Helpers */

/* Starts threads − 1 helpers for run; NULL when threads < 2. */
WflSimThreads *
_wfl_simulation_threads_new (WflSimulation *self,
                             WflSimRun     *run,
                             int            threads)
{
  WflSimThreads *pool;
  int max_lines = 1;

  if (threads < 2)
    return NULL;
  for (int n = 0; n < self->n_nodes; n++)
    max_lines = MAX (max_lines, self->line_first[n + 1] - self->line_first[n]);

  pool = g_new0 (WflSimThreads, 1);
  pool->self = self;
  pool->run = run;
  pool->n_helpers = threads - 1;
  /* Threads asked for share every level (what tests need to see). */
  pool->forced = self->plan_threads > 0;
  pool->min_shared = pool->forced ? 1 : SHARED_LEVEL;
  pool->interval = PROBE;
  pool->helpers = g_new0 (Helper, pool->n_helpers);
  g_mutex_init (&pool->mutex);
  g_cond_init (&pool->cond);
  for (int i = 0; i < pool->n_helpers; i++)
    {
      Helper *helper = &pool->helpers[i];

      /* The run's arrays, scratch of its own (what a node's plan writes
       * besides its own entries and its lines' links). */
      helper->pool = pool;
      helper->view = *run;
      helper->view.threads = NULL;
      helper->view.on_hand = g_new (double, max_lines);
      helper->view.horizons = g_new (Horizon, 2 * max_lines + 1);
      helper->view.plan_m = g_new (double, self->max_plan_cells);
      helper->view.demand = g_new (double, 6 * max_lines);
      helper->thread = g_thread_new ("wfl-plan", helper_main, helper);
    }
  return pool;
}

void
_wfl_simulation_threads_free (WflSimThreads *pool)
{
  if (pool == NULL)
    return;
  g_atomic_int_set (&pool->quit, 1);
  publish (pool);
  for (int i = 0; i < pool->n_helpers; i++)
    {
      Helper *helper = &pool->helpers[i];

      g_thread_join (helper->thread);
      g_free (helper->view.on_hand);
      g_free (helper->view.horizons);
      g_free (helper->view.plan_m);
      g_free (helper->view.demand);
    }
  g_mutex_clear (&pool->mutex);
  g_cond_clear (&pool->cond);
  g_free (pool->helpers);
  g_free (pool);
}

/* How many threads a run of self plans on: the number set with
 * _wfl_simulation_set_plan_threads(), or, when 0, one per core (at most
 * four) for a scenario of 256 nodes or more, where a level's work is
 * worth sharing, and one otherwise. */
int
_wfl_simulation_plan_threads (WflSimulation *self)
{
  if (self->plan_threads > 0)
    return self->plan_threads;
  if (self->n_nodes < 256)
    return 1;
  return CLAMP ((int) g_get_num_processors (), 1, 4);
}
