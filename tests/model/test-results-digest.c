/* test-results-digest.c: the simulation's results, bit for bit, against golden digests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The weekly loop is tuned for speed (incremental horizons, ring-buffer
 * lot queues …), and every such change must leave the results exactly as
 * they were: docs/model.md defines them, not the code's shape.  This test
 * hashes (SHA-256) everything a run produces, over the built-in scenario
 * (a copy of it as it was at 52befab, tests/data/digest-builtin-52befab.waferline),
 * random scenarios with and without version 2's allocation, capacity and
 * demand, and seeded layered ones:
 *
 *  - every node-week of every series (the bits of each double), the
 *    binding constraint and its input line;
 *  - every link-week shipped;
 *  - every order (weeks, quantities) and every row of its timeline;
 *  - quota and grant periods;
 *  - the bottleneck ranking of the whole calendar (the variant runs,
 *    which run the loop without lots);
 *  - and the CSV tables as `--simulate --csv` writes them.
 *
 * The golden digests below were printed by this test, built from main at
 * 52befab (before the speed work of issue 10), with
 *
 *   WFL_PRINT_DIGESTS=1 _build/tests/test-results-digest
 *
 * and pasted here.  A change that means to change the results (a change
 * of docs/model.md) regenerates them the same way, and says so in its
 * commit; a change that is only about speed must never have to.
 */

#include "config.h"

#include <string.h>

#include "random-scenario.h"
#include "wfl-layered-scenario.h"
#include "wfl-results-csv.h"

typedef struct
{
  const char *name;
  const char *results;  /* the accessors' digest */
  const char *csv;      /* the CSV tables' digest */
} Golden;

/* Generated as the header says. */
static const Golden goldens[] = {
  { "builtin",
    "8a79b803a588d295f3a21f995f6d5a786e6f7d9e5b201d793f1bd742eb87204c",
    "57088067bbb91660413613e16659614e76ff85256fbcc0d4634aa9678ff4d3b4" },
  { "random-1000-",
    "44e3be210267110e68aa99355cc125b0f357acdb8720601183d61706360af50a",
    "b35f375ab7da3e1a042951954863dbbc0e8595c9a16baa20db7c6e2b8dc25809" },
  { "random-1001-a",
    "90b9f4edb237225999f006398eabcf8eb609da9853a12518ed54582ca26a572d",
    "f949ddacc61a9b38c3040e4b8696803ec96863aef2a2bafbd68ce037d248ece9" },
  { "random-1002-c",
    "c64a95b12d8ee8aa83b73d261e11d0947212f99f86834edaed3e63a2ec03eb21",
    "f689ec0ecd9bbb38ba26ceec576e692b92bb0dd96cbff72520090616b8c7d443" },
  { "random-1003-ac",
    "07b8adefac0d5c25b01b4b7ef943e50ea521f9602588624e8c71eba3892fddc8",
    "f0d80232723a0282af8ca233d429aab28d2c4b11735bfcf9855f4c07e011330a" },
  { "random-1004-d",
    "52c930c12d575d2cefc76d8fe7173bf7b6e4abe96d049de7427f7a479a587c65",
    "72c3fa4deac11b10a4a8edaa3ad748527dcd76406c0a77572d747825fbf64742" },
  { "random-1005-ad",
    "5ec28c94aecdd7d376aaf8f01dd3de4ac93e3ac2305c8c33da19c9b822582e37",
    "ecebbfeef0b3d6ccfe7e7056fd0284efbe6c45bda12270cd5283f496bf3705d7" },
  { "random-1006-cd",
    "6de02bed4fe26fa527d480f90ae53a94a359d83ba6155d3e469e415492d5c9cb",
    "d71b49cd833a577c3cb9ed77d1678fe848eee73ec5b249fc9527a986c2101132" },
  { "random-1007-acd",
    "a5c7fb57d13581c068b404da0c9f95d5329a1fae17da40e3888d49b7c990e944",
    "3d600b907173ced33c3793cea05b938437904de9fbfe428ae37baa79c82821c4" },
  { "random-1008-",
    "9b177625647115c88e444d86365a5ba87bc1b8d0338df1e0fd4c833f6b8a2bb2",
    "92d230925963f696b71648a21887d64fc6dfbd95d02189570e7cf695ba6a0e2d" },
  { "random-1009-a",
    "520f6b20474d1eba332692e54bd74d455e8c65969255e4cef5f960b26301f528",
    "ca0dda109ceeae908cb8d10f969907e48388e0d30ee8081ab8fd0d1eeb0fcf78" },
  { "random-1010-c",
    "73b144690a2301b4af039fd0228efe5575f09dab39dda802e6142fb615ade301",
    "9a7939ec847f0447cc76f3e260db7e92e4babc8946ca0706a80670a9e1125c65" },
  { "random-1011-ac",
    "e2dc069c5744a2fdc4f0b6ca6c45bd610d89411f108c03b2e934b2692151da8d",
    "299b65afec816c694a72e451c247b8a642ace1105073d37b01b79eda0c0900fd" },
  { "random-1012-d",
    "8f059095f84f14935d68bce737472be04818d533276bd4b6ff5c602327166fd4",
    "6e774529837768d0730b706c15ecf605cb5423db6b4bcdc881b6ea0dead06900" },
  { "random-1013-ad",
    "15a8274b348929e8bcca314b22b12d3906ea9cd94246d125906e901bee5b5510",
    "8fc2c10a177718f061d21eac0d28c84272d27013438a156817e90d5efe89b6fe" },
  { "random-1014-cd",
    "2ae08501119b663e5239e55c479124257570e0e7e9b98edabf174c2f89087acb",
    "d1cc5cc18846774b65b1dc77fa98f9f6b66660d4ad9d11a632f8ba11de02de0d" },
  { "random-1015-acd",
    "b8f007b646ea5c9e9ef5a59bee95b3bc01d3e752ad5c47c848a982fae1ea0dfa",
    "14320d6723b5c8436b95314f8b8a5f2aa0ced2948f158cadb785f1e609f69676" },
  { "random-1016-",
    "3295aeca2d71e9af56cd8090485b89995131c7ee41261457d55c2dd08293e82e",
    "1527e77fd5af77d95073fc182cea2b2141bcb4f5ce7f171ebed915a54af3c3ba" },
  { "random-1017-a",
    "366f99b686d9219f48b092f944985f1773afff4fea571944d225f046a1cacbd0",
    "32852862ec296e692bf3a343b0a69936b20252ca1ac65c239a10158cfd5abb07" },
  { "random-1018-c",
    "b3b41b3b2cdf98825b29deb5bde38a0b2d33c0683d54ff9bb6c34a18ff2c25e6",
    "048749e5815afe373b4a4e1bc980c81fff4ea48191bc276bcee5d79fc0ac85b3" },
  { "random-1019-ac",
    "e66cc45bf8fa2abb3b0bc51dd30110ca32d0c08e44398dc28fd6abbd790e4ae3",
    "a9f9e52c6ee2315f8af3c5aa5e20154866f90b03392c549d5cdfa14dd651803e" },
  { "random-1020-d",
    "900b2c26433441c7d469256fc1c88cdcec81c4e5d611cd886b3ac0f2c6b35348",
    "7d34fa4d9339c99cf431d13c520e54c8a54178aa81ef5039bf8e9a617ae780c4" },
  { "random-1021-ad",
    "8242e8bc56c118e33587411f3f5662bc6eff4c44ab76fa0b989a6e7215b07be0",
    "84fa89698ff62a64bf9ee82dc0d45429a7bbb614ca20bbdd9249310e3555dd32" },
  { "random-1022-cd",
    "6b981718d4315fc8a106438aa8cc71d332be7972d2bc064535a905bd6426bc14",
    "bc51b5788945024c338409840c32ce172e5e9fabd365c82e9d1eabf3ad256909" },
  { "random-1023-acd",
    "c4e5f25be4f9477fd52fcd759335f1da8549c4e081160728429b65a7cdb2a948",
    "0b4c1152160715bc2327d0f1827baaa0d0fd57b65ee9baa5e4b1c9d6ca5ca8cc" },
  { "random-1024-",
    "b8e42b49fa2fe9231f6fe85328dcd1447597a0b56adb129607abcb40dc4fd0dd",
    "ffbde7746f56e89c6c65a9d7227a829e796630e29cde1b74d5c9951f2327fb72" },
  { "random-1025-a",
    "75febd73d657709f7be2282fd6fcc976926ca1f0f8c371a71b1de4b14ac93686",
    "7af665709da2f3b448f9c11d8441f54b3340d3f6b4567a23d0675b6029ad98d0" },
  { "random-1026-c",
    "2ac0aa583168c4d33fec89644de0b6363d7a22a90ad52e4235521adaa1a45b1e",
    "215882049ec6d4c97dea9d8aa8e24d1a61e17cde4c3744b3250d0cc0816cb9a6" },
  { "random-1027-ac",
    "5f4fb99e8414704a220303dfb5128efb646361cff958785055dbe630ea78a230",
    "3680c31a86b7b64967bfe467687f432dc639d0ecc4e8d87f8a9f17205a8ded86" },
  { "random-1028-d",
    "1b7afc935d5a5ab148e20b26b834a891a9d9245899ffccd9539936259832eb0d",
    "b4ecf6057ce3163dd891ed2e1a9faa16022a72ca9049cf7303718048853ed81f" },
  { "random-1029-ad",
    "f955ce42eda308d0790fc5ee8faadead8433a318c56d8ec5378d219231380511",
    "759efcc7d6965ec9f1f32db85b7715c5cddfbc6f094d2332adb34a74e3211245" },
  { "random-1030-cd",
    "894621e23a7dbadd06c54b68317445a4a9904b42b9f24a7fc73653534cb65c50",
    "844c535d638e00f356c7ec97cfa20b2ffdd2b21b99db22dcde473758965a958c" },
  { "random-1031-acd",
    "793f5dd3d45a98d16918edfc33fa41a7c9259fec9ec8218b3f229729262e6647",
    "d630fbb567f30dbacd3c72c5a14e75351b4e0f6c39eac89458ba50bb27408237" },
  { "random-1032-",
    "8934a57d05a2f2667909d7096dc790e1e274f8838ae8381fbff37b609898418a",
    "373eb173a5a7fdcf4e17d5bd0334874e1dae47afeef7ab604208ee1ecc71dbd9" },
  { "random-1033-a",
    "47f727604dafffa2d8ca7e6c5c21ec0814a9ca471462554a5a44146994877381",
    "7389763cc34e72f2f0d0236807158f360d893ffc866849a440926d39a4d8f32b" },
  { "random-1034-c",
    "023ceaf66906648f623f82512ff5f2a3a69577d8ae6b5b01466500f658dfde68",
    "59495de193df61a387f4e2761b13992992140b10075ef86b01c3761c261e725f" },
  { "random-1035-ac",
    "8475d54ca003247e0e51b4d3e9c0080d49db0cf1be33137e573ef42a289d7084",
    "5d3113aed0bf2bb59b997c0300ea88fe19d2328048c6e43a20f7b7aea7fc3c0a" },
  { "random-1036-d",
    "dd2be3c3832496c0bea64ec0c256325dcff466924a78eea5b645877638b3709f",
    "f6c6caf123bdc0fbe38bc4b611952cb468275a779c8372924a7c7fb3a5d520ea" },
  { "random-1037-ad",
    "14d85b8ab1d809167210f05bab718e19ef369819858278ad1d88084c152c4b6a",
    "810f1835bce4788f39089328edc073ab7e716b7d4922d7f30bddca14b5297e84" },
  { "random-1038-cd",
    "453d5401cce48ae790ec9d398f8a676756d4593b5a992a36f40a2193732a7e05",
    "0205d073dfadf2020edb1b8553399a19f6f4aa85bfaeda0fe31aabb5a567a389" },
  { "random-1039-acd",
    "363ef2f3ec99ef9e2db6c9bacc64f9b9c996d04f7ba35fa597396eaa0dd5d06a",
    "df51dcc788c204aa121faf6c2fb6e6e2a1cd4d7da466120f3a3895939a506bd4" },
  { "layered-2023-8x25x500x156",
    "d40dd0d15458a2a7704f1d841deffd660114e08f2587ed5b18a78a1872ea918e",
    "07e636db6aed29108dbff654dea37bc53c61617f8a99090581b27db843a65f81" },
  { "layered-7-20x100x8000x104",
    "d3e72aa2a548bbb07029f6154dcd9287822ab48f3526d257de536c3213015a37",
    "73b395b5a62bf62c49e1e2193b76a4c8c46eee9acbf5c84e3fa5f39e38dad16d" },
  { NULL, NULL, NULL },
};

static void
put_int (GChecksum *sum,
         gint64     v)
{
  g_checksum_update (sum, (const guchar *) &v, sizeof v);
}

/* The bits of a double (every NAN is one NAN here: the accessors may
 * return any). */
static void
put_double (GChecksum *sum,
            double     v)
{
  if (isnan (v))
    v = NAN;
  g_checksum_update (sum, (const guchar *) &v, sizeof v);
}

static void
put_string (GChecksum  *sum,
            const char *s)
{
  if (s == NULL)
    put_int (sum, -1);
  else
    g_checksum_update (sum, (const guchar *) s, strlen (s) + 1);
}

static void
digest_series (GChecksum     *sum,
               WflSimulation *sim)
{
  int W = wfl_simulation_get_n_weeks (sim);
  g_autofree double *v = g_new (double, W);

  put_int (sum, W);
  for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
    {
      for (int s = 0; s < WFL_N_SERIES; s++)
        {
          wfl_simulation_get_node_series (sim, n, s, v);
          for (int t = 0; t < W; t++)
            put_double (sum, v[t]);
        }
      for (int t = 0; t < W; t++)
        {
          const char *input = NULL;

          put_int (sum, wfl_simulation_get_binding (sim, n, t, &input));
          put_string (sum, input);
        }
    }
  for (guint l = 0; l < wfl_simulation_get_n_links (sim); l++)
    for (int t = 0; t < W; t++)
      put_double (sum, wfl_simulation_get_link_shipped (sim, l, t));
}

static void
digest_orders (GChecksum     *sum,
               WflSimulation *sim)
{
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);

      put_int (sum, r->customer);
      put_string (sum, r->id);
      put_double (sum, r->quantity);
      put_int (sum, r->placed_week);
      put_int (sum, r->due_week);
      put_int (sum, r->filled_week);
      put_double (sum, r->delivered);
      put_double (sum, r->delivered_by_due);
      put_int (sum, r->filled_week >= 0 && r->due_week >= 0 ? r->lateness_weeks : 0);
      for (int c = 0; c < WFL_N_TIMELINE; c++)
        put_int (sum, r->timeline_weeks[c]);
      put_int (sum, r->sku);
      put_double (sum, r->needed);
      put_double (sum, r->cancelled);
      put_int (sum, r->cancelled_week);
      put_int (sum, r->n_stages);
      for (guint i = 0; i < r->n_stages; i++)
        {
          const WflStage *st = &r->stages[i];

          put_int (sum, st->node);
          put_int (sum, st->kind);
          put_int (sum, st->start_week);
          put_int (sum, st->end_week);
          put_int (sum, st->arrived_week);
          put_int (sum, st->shipped_week);
          put_int (sum, st->made_week);
          put_int (sum, st->wait_before_weeks);
          put_int (sum, st->allocation_weeks);
          put_int (sum, st->wait_weeks);
          put_int (sum, st->transit_weeks);
        }
    }
}

static void
digest_allocation (GChecksum     *sum,
                   WflSimulation *sim)
{
  for (guint i = 0; i < wfl_simulation_get_n_quota_periods (sim); i++)
    {
      WflQuotaPeriod p;

      wfl_simulation_get_quota_period (sim, i, &p);
      put_int (sum, p.link);
      put_int (sum, p.first_week);
      put_int (sum, p.last_week);
      put_double (sum, p.quota);
      put_double (sum, p.granted);
      put_double (sum, p.given_up);
      put_double (sum, p.delivered);
    }
  for (guint i = 0; i < wfl_simulation_get_n_grant_periods (sim); i++)
    {
      const WflGrantPeriod *g = wfl_simulation_get_grant_period (sim, i);

      put_int (sum, g->node);
      put_int (sum, g->grant);
      put_int (sum, g->first_week);
      put_int (sum, g->last_week);
      put_double (sum, g->quantity);
      put_double (sum, g->moved);
    }
}

static void
digest_ranking (GChecksum     *sum,
                WflSimulation *sim)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = wfl_bottlenecks_rank (sim, 0, G_MAXINT, NULL, &error);

  g_assert_no_error (error);
  put_int (sum, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const WflBottleneck *b = &g_array_index (rows, WflBottleneck, i);

      put_int (sum, b->node);
      put_int (sum, b->product);
      put_double (sum, b->gain);
      put_double (sum, b->share);
      put_double (sum, b->lateness_change);
    }
}

static char *
results_digest (WflSimulation *sim,
                gboolean       ranking)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  digest_series (sum, sim);
  digest_orders (sum, sim);
  digest_allocation (sum, sim);
  if (ranking)
    digest_ranking (sum, sim);
  return g_strdup (g_checksum_get_string (sum));
}

static char *
csv_digest (WflSimulation *sim)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (int t = 0; t < WFL_RESULTS_CSV_N_TABLES; t++)
    {
      g_autoptr(GBytes) bytes = wfl_results_csv_to_bytes (sim, t);
      gsize size;
      const guchar *data = g_bytes_get_data (bytes, &size);

      put_int (sum, size);
      g_checksum_update (sum, data, size);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* ------------------------------------------------------------------ */
/* The scenarios */

typedef enum
{
  PLAIN = 0,
  ALLOCATION = 1 << 0,
  CAPACITY = 1 << 1,
  DEMAND = 1 << 2,
} Extras;

#define N_RANDOM 40

/* The i-th case's scenario and name; NULL past the last. */
static WflScenario *
case_scenario (int    i,
               char **name,
               gboolean *ranking)
{
  g_autoptr(GError) error = NULL;
  WflScenario *s;

  *ranking = FALSE;
  if (i == 0)
    {
      /* The built-in scenario as it was at 52befab (the file the app
       * builds in), kept here so that recalibrating the built-in's data
       * does not change this test. */
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "digest-builtin-52befab.waferline", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      *name = g_strdup ("builtin");
      *ranking = TRUE;
      s = wfl_scenario_load_file (file, NULL, NULL, &error);
      g_assert_no_error (error);
      return s;
    }
  i--;
  if (i < N_RANDOM)
    {
      guint32 seed = 1000 + i;
      Extras extras = (Extras) (i % 8);
      int weeks = 40 + (i * 37) % 120;

      *name = g_strdup_printf ("random-%u-%s%s%s", seed,
                               extras & ALLOCATION ? "a" : "",
                               extras & CAPACITY ? "c" : "",
                               extras & DEMAND ? "d" : "");
      s = random_scenario (seed, 3 + i % 4, 2 + i % 5, 1 + i % 3, weeks);
      if (extras & ALLOCATION)
        random_allocation (s, seed);
      if (extras & CAPACITY)
        random_add_capacity (s, seed);
      if (extras & DEMAND)
        random_demand (s, seed);
      *ranking = i % 5 == 0;
      return s;
    }
  i -= N_RANDOM;
  if (i == 0)
    {
      *name = g_strdup ("layered-2023-8x25x500x156");
      return wfl_layered_scenario_new (2023, 8, 25, 500, 156);
    }
  if (i == 1)
    {
      *name = g_strdup ("layered-7-20x100x8000x104");
      return wfl_layered_scenario_new (7, 20, 100, 8000, 104);
    }
  *name = NULL;
  return NULL;
}

static const Golden *
find_golden (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    if (g_strcmp0 (goldens[i].name, name) == 0)
      return &goldens[i];
  return NULL;
}

static void
test_digests (void)
{
  gboolean print = g_getenv ("WFL_PRINT_DIGESTS") != NULL;
  guint n_cases = 0;

  for (int i = 0;; i++)
    {
      g_autofree char *name = NULL;
      gboolean ranking;
      g_autoptr(WflScenario) s = case_scenario (i, &name, &ranking);
      g_autoptr(WflSimulation) sim = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *results = NULL;
      g_autofree char *csv = NULL;
      const Golden *golden;

      if (s == NULL)
        break;
      sim = wfl_simulation_new (s, &error);
      g_assert_no_error (error);
      g_assert_true (wfl_simulation_run (sim, NULL, &error));
      results = results_digest (sim, ranking);
      csv = csv_digest (sim);
      n_cases++;
      if (print)
        {
          g_print ("  { \"%s\",\n    \"%s\",\n    \"%s\" },\n", name, results, csv);
          continue;
        }
      golden = find_golden (name);
      if (golden == NULL)
        g_error ("%s: no golden digest (see the header to make them)", name);
      if (g_strcmp0 (golden->results, results) != 0)
        g_error ("%s: the results changed (digest %s, golden %s)", name, results, golden->results);
      if (g_strcmp0 (golden->csv, csv) != 0)
        g_error ("%s: the CSV tables changed (digest %s, golden %s)", name, csv, golden->csv);
    }
  if (!print)
    g_assert_cmpuint (n_cases, ==, G_N_ELEMENTS (goldens) - 1);
}

/* The digest sees a change of a single bit of one node's stock. */
static void
test_digest_sensitive (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = random_scenario (7, 4, 4, 2, 60);
  g_autoptr(WflScenario) t = NULL;
  g_autoptr(WflSimulation) a = NULL;
  g_autoptr(WflSimulation) b = NULL;
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  WflNode *node = NULL;

  for (guint n = 0; n < wfl_scenario_get_n_nodes (s) && node == NULL; n++)
    if (wfl_scenario_get_node (s, n)->kind == WFL_NODE_KIND_SUPPLY)
      node = wfl_scenario_get_node (s, n);
  g_assert_nonnull (node);
  node->initial_stock = 100;
  t = wfl_scenario_copy (s);
  /* The smallest step up of that stock in the copy. */
  wfl_scenario_get_node (t, wfl_scenario_find_node_index (t, node->id))->initial_stock = nextafter (100, 200);
  a = wfl_simulation_new (s, &error);
  g_assert_no_error (error);
  b = wfl_simulation_new (t, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (a, NULL, &error));
  g_assert_true (wfl_simulation_run (b, NULL, &error));
  da = results_digest (a, FALSE);
  db = results_digest (b, FALSE);
  g_assert_cmpstr (da, !=, db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/results-digest/golden", test_digests);
  g_test_add_func ("/results-digest/sensitive", test_digest_sensitive);
  return g_test_run ();
}
