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
 * commit; a change that is only about speed must never have to.  Since:
 * exact order and received totals (an order filled within the tolerance
 * counts its quantity as delivered; compensated cumulative received),
 * and starts of D when inputs fall short of it only by rounding.
 */

#include "config.h"

#include <string.h>

#include "random-scenario.h"
#include "wfl-layered-scenario.h"
#include "wfl-results-csv.h"
#include "wfl-simulation-private.h"

typedef struct
{
  const char *name;
  const char *results;  /* the accessors' digest */
  const char *csv;      /* the CSV tables' digest */
} Golden;

/* Generated as the header says. */
static const Golden goldens[] = {
  { "builtin",
    "33dac150bba60f822202e18d1057ebc8a826cbed3c04e448a19f788e093d7bcf",
    "b5e226f5035b0335eb857f9e6280fda33a8de8c324cf07762520f7216051b0af" },
  { "random-1000-",
    "d93ac958b1909e8ac41c39d72ffdbf2f438b23695ddc89ab6c3cb4fea1009875",
    "8174e8babc35d7032edce3e9a1150b5d68a35b0da77ef24ad6492e960b83e46e" },
  { "random-1001-a",
    "b3e7c989ee8e6282bd505a5750aad6107e14266426aef1cccba18324eabb5c03",
    "43829bbc096cf96114eae63146ef7f575baee8cd4a79c67b51558c1ab7cd3d87" },
  { "random-1002-c",
    "2857ec5791b97ea3658370fe2054e1b4500acc198d472e96a9ade4d0fee80926",
    "bbd631b897d6e147e3bded15f955853e4cb30c5e7146b9090bd830194b177928" },
  { "random-1003-ac",
    "047efd060cc6bf847ca796cf7116dc8f945a5fffe66b93192b97ae632ff4cf3e",
    "fa45d2d8f42231f1d82c111ae048f7439b737ed28b562ef5ebc5cc4624e1f8e3" },
  { "random-1004-d",
    "b8dda6883b88813ef5e7772c40519fa27c031dadcfc0a21032513f317db7055d",
    "484594c0f4e89e10d2595cb01aaf0bbfe0e01fbed11c6e89f50dd2726a2674f2" },
  { "random-1005-ad",
    "fa3bc5e58ef5a43ee2bdf602989bafaef100d2e90d34491b522eedefb21bc5ac",
    "ae3ae980ce065fbcf63ef62d4fdced15c5c09aa56b179a47c0807458f4fc4737" },
  { "random-1006-cd",
    "20162c3132503cb359498a7cd3b0022dd791f9d22e812e8ce0ee2632dfab1b71",
    "78354dd31d2a7face96c3da00491bf469a3803cfd3373a8507a3ffa149928b80" },
  { "random-1007-acd",
    "8b1ea73f564d99a4c793e8704d4de2f8fcbb81b79041a7bcc7ffa63a57f4ecff",
    "6571ef43ca1ff84137dddc8040eb89562222bdd3148fb6cc96f29ef3188f2f1a" },
  { "random-1008-",
    "ae9c0fe7b8c10b9f2df4b14d3991222604693acb72f927c475e2e27ded9b6329",
    "ff2a80ea01f6e7350b49f5de93ed01b51611b020af7dbbcf3f44f1141ba07735" },
  { "random-1009-a",
    "58fe29239042a8dd28991409ed47a87bf28182089ecd3c99bd103e79b6b7a057",
    "1f8658ba4406964fdcec9a33446d7739cf467f1fd276ec5721b3af73f35e6445" },
  { "random-1010-c",
    "d7546ec3cc13a20ae99ed8a2dac95db20dbb2639337503d132ba15e9315922b5",
    "21f5240f5b773a46c88e6693fad9c0a786314545dbb9011374464839bfb0b28f" },
  { "random-1011-ac",
    "855bf2fa2b2be225aa8bb82244bafae68f8f4809c51c24f2ae7ba63efce4c2b2",
    "1dd5f0660109ae1891e151c9027920d77965c6ea19c052f945c668c761d38364" },
  { "random-1012-d",
    "b28056c4a21520f37359a5429bc58dddaf51fabf19d3fe2b56b95dc426afbdb9",
    "c490333e029c4c143c1cb9d4f113bf2017c08f488102943a89500bebe6af78cb" },
  { "random-1013-ad",
    "c419df476fa8d7ac34e567341f185237996223f8483ad0bb363deedea22ac3df",
    "178bb8baaa5aab8a3327719b0e3a174360824c2fc9a12e4ba1a9852a81871428" },
  { "random-1014-cd",
    "bc502f15dedaf136078b74118e02c3d82b7d1fca1e903b2929b5990512619933",
    "735ebbab86e7f449b23afc73d5406a52d7355ab3e3b5e5910ce6c332dc208ce7" },
  { "random-1015-acd",
    "b8f007b646ea5c9e9ef5a59bee95b3bc01d3e752ad5c47c848a982fae1ea0dfa",
    "d793aa7af0dd00f0ec29d94d06901c05f075853c24a8fa2c9911c7ef723777fe" },
  { "random-1016-",
    "048916ee295b0383acfafb2634376fe94a9472e72a325dd2bb5b61901b25c483",
    "5a49b9f66e4c9b7a87793fd58419a9d74b92bd3fc4e694bec7ff43d669f55c5a" },
  { "random-1017-a",
    "840cdfc41feb2a5f776f58baa7221b994a946fe0ddc4b2cfdc95b7fbab0644d6",
    "89a91824e624b5b9af76f034965195e3095fea3e934051200f4d1af1f43cf70e" },
  { "random-1018-c",
    "8acc01135b6c38f6d7467b80cd3c57e6acb1b461a490516ab9afe7f3439ad989",
    "6f4cbc982d6f20ffe007c526cce547801bc6316d051652477800b6067d66a400" },
  { "random-1019-ac",
    "1c214df9167290617fac4b92913a8724e85bb3693b8fc6433baf48654c1042d7",
    "18451323403385cbf3a23c0102ffc3b4f3df870bcff6f996485aa5ed9d1923be" },
  { "random-1020-d",
    "62827ed72c488b597ae34f32bfe9fd87c955192c3ec330f2bb79f5a6fec441f2",
    "891558f2a6f6346328322273052c61fb92b8d7406fb1df13f378e36f0a85ff7f" },
  { "random-1021-ad",
    "8242e8bc56c118e33587411f3f5662bc6eff4c44ab76fa0b989a6e7215b07be0",
    "8738f60299961f885f7339dc972ef7e19d6fdbf39a51d78db2c07218dfdc288e" },
  { "random-1022-cd",
    "9daaf73e1038309b01427823f6893a640efaafbf4fc01ec64e0c84e00bc0f571",
    "4dcae55ca0dc3b485299f15a8a55be35c7674185a5b6835bcdf32cf2ba5bcfc1" },
  { "random-1023-acd",
    "2d0a4c8fb6bb8ad9cfb926e7108cc5a2f69289dd1056e6ea97fcbf181fa07d02",
    "95d1570e6372a12dc91b2e9fea3ce9c73d47a096c28dc53dd4e75725b0151f2f" },
  { "random-1024-",
    "c3bb5d6ebca51191d9bcab49bdce9a1fed23bc56dd0b5daa52ac56a9c2607741",
    "9ada7ff7df2c4fe7c46c7c716a6a9602be966826ca6659b2e7c291bb06da13fd" },
  { "random-1025-a",
    "cb7b260edd2677c0002088a179683410e771f31f9dab26676bb5e174e091c76f",
    "362223597be6d18f6098be769813cdae59a40ad31bb289c25e39e1a86185856c" },
  { "random-1026-c",
    "1f525132376a3a489641cd7806e10e6a5bc3bd4dfd8502db6371d50736ffa098",
    "7c1bcfdbd5765349421768a58ae792a5c959762bb252a603c9c68d5ee2020e74" },
  { "random-1027-ac",
    "600c358160a4b1af3fa5f561a505f8fc8ea799c8a07eecd51753e5630221e3bd",
    "b5d4c5817fd2bb1c609e9e19101f873bc6f3cbd7120f5b7f6a1315c675f9473f" },
  { "random-1028-d",
    "28602979a1d44cfa02187c0c5a0d4d9b862c753e0b9c8c34470bb6f822b81f75",
    "a1fba8c4653e12863c9a53b6d91fd62bc33f20a84cce55f58fcee3e9cccdd4a9" },
  { "random-1029-ad",
    "caa8c63e8c3610cde32d1d9d2ef282a15b8dc86a2a482909be1d4e35b7abf47d",
    "89469cd54d7f9cf63bc8a6bda075ddbf0af5b9605a4989614818faf9ac196489" },
  { "random-1030-cd",
    "2a2ec4cde7b0e77f8b4416c4f5ee2b793df83f3762ae8f90ea89809641fedf4c",
    "a3ee51241b54f3fa00fefe373a0b3c0f3f9b60181cd82e4c65a32da31d6a7289" },
  { "random-1031-acd",
    "dd71aeb8fa8f5c61b8e349eb75b9609caf74c5b3898842071aac77c90c354764",
    "ef6c7054951feb053858725dea8b14a39dc8952020aeffbfa9796be3c212447a" },
  { "random-1032-",
    "4a610ce92b3121681fd5e7d947c9cba1a42e97a2ba9d24f32cd5f6349ef42387",
    "ff93955ec902c629e00e98396aa171eff2f290522e647120e2ebe110a9d22d49" },
  { "random-1033-a",
    "7cbf70b7b8107924cb8a1a23eae343f038f1985bc1920ee16cb6a881f1a6d615",
    "85cf169e739d6bff6226af5f1634410f2056e9212b25033f86c736317d09e1b9" },
  { "random-1034-c",
    "00e77cfdaae1f3636af32b5dbddab85970664a7ede85261f0ef0f5e2eda1050b",
    "4279049348cb86c4ad74ca3b72f637f7d37acd427a0eb71f48063538b5645f84" },
  { "random-1035-ac",
    "1d9f278a8b402c6ad2bc436729499393948e5e6c5a002915459c16b3eaba7183",
    "3d77caad64293bdcda0622d3bd65e48edc59a32bcdba92612ae8cf4009a4e4cd" },
  { "random-1036-d",
    "ac46a1c9fb91241b5729a127661620248c5483e6f2847e3a4b4ee64ab108b2ed",
    "da70efc0fa53a836651f9fb340d61d2089303ed988d8ab467fe395308d0f5d20" },
  { "random-1037-ad",
    "48dda3006e56c95834186bddaed40c3ed69a65e80c06ea9e5a5b26a99fa8ab70",
    "2cdd82fd2fb663ae544bd68c4af2deef4c6f8d23d01463153bd6f7a04cb11d72" },
  { "random-1038-cd",
    "b75c699be62f77a6bfb69f22e7787f6662a7b27adea0eefaff201b9f22f584e6",
    "278c47fa8361ee792099c6504ba98d2d14d67291868deebe10fdb9283eafb152" },
  { "random-1039-acd",
    "3d449f4cdf4132885e2d342557f9305ae511d7505f0cafc31bc3a3c29a007dd0",
    "e62430289eb06bacb5a3d6a0e63e3144dd4d7da41e10acdfa29c7752dfb22a6b" },
  { "layered-2023-8x25x500x156",
    "d9569b56dd2a0a6631ac2ae6fe96672d6c18ec85753bd79b77a923dd202f5df2",
    "edf57790202ab8696f6330b7113adaa2610bdd177cadefd42cb8a3bb3f5e737c" },
  { "layered-7-20x100x8000x104",
    "2696a892d54f0fb6c71a2709917e11b0fe2d01beb60b65a19477f0df9bc34929",
    "ba4f44e4b772a55aad5e6152e18005eb93ef08b223f8d7039c47b43b8ed95ead" },
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

/* Every case against its golden digests, with the lots replayed as
 * lot_thread says (_wfl_simulation_set_lot_thread()). */
static void
check_digests (int lot_thread)
{
  gboolean print = g_getenv ("WFL_PRINT_DIGESTS") != NULL && lot_thread < 0;
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
      _wfl_simulation_set_lot_thread (sim, lot_thread);
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

static void
test_digests (void)
{
  check_digests (-1);
}

/* The lots replayed on a thread of their own, and by the loop itself,
 * give the same timelines, whatever the scenario's size; so does the
 * plan made by the loop and that thread together, or by the thread
 * alone. */
static void
test_digests_lot_thread (void)
{
  if (g_getenv ("WFL_PRINT_DIGESTS") != NULL)
    return;
  check_digests (1);
  check_digests (0);
  check_digests (2);
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
  g_test_add_func ("/results-digest/lot-thread", test_digests_lot_thread);
  g_test_add_func ("/results-digest/sensitive", test_digest_sensitive);
  return g_test_run ();
}
