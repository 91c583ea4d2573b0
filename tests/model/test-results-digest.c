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
 * counts its quantity as delivered; compensated cumulative received).
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
    "c0869c9f42700ae5b32bfc07fec2d73eec61c238fbbd3d7d873851f125f6cde4",
    "a24f524fce28a195915d16231bf0b06643d136c18c980ceeb7a0b64eb9aaff7d" },
  { "random-1000-",
    "d93ac958b1909e8ac41c39d72ffdbf2f438b23695ddc89ab6c3cb4fea1009875",
    "480396832888f79a0a20c353f4d4427f19c20538b9d93751c9fe2538759800ee" },
  { "random-1001-a",
    "b3e7c989ee8e6282bd505a5750aad6107e14266426aef1cccba18324eabb5c03",
    "5a68753978779227898e3265419cfe969555a1277c8128122eed45c23ba87338" },
  { "random-1002-c",
    "6f14615a7fc45488a3eebcc5266c5d697d23e4dd084a08487e09ac6599b3132c",
    "57062db6e8d9ba9e6753dc905b44c068bb0d64b6cf54f635ad8b8e94ecd1e545" },
  { "random-1003-ac",
    "3023983bdd90f673de8062bdeac0b0dc4e525dfbecbb63b0fec0abfb9e36fb7d",
    "46a57fa3cbcd3b9d406f662a8067eae2e1358db4705038100224bc7e2c84b852" },
  { "random-1004-d",
    "b8dda6883b88813ef5e7772c40519fa27c031dadcfc0a21032513f317db7055d",
    "8b4c7ac266d17861c098c2cd959d6e431a45d829627b2a8adb9814c60e5e7d31" },
  { "random-1005-ad",
    "fa3bc5e58ef5a43ee2bdf602989bafaef100d2e90d34491b522eedefb21bc5ac",
    "31f2f8e508ea22f11b8d60f6f1ef9a32f9981ffc96390142caf1e1cda3e10955" },
  { "random-1006-cd",
    "6982842791c41553ae464beae1a191882a73e4bef4d74c5ea714ff4633299713",
    "b6d45c35813fe92ee6b1d8b6f02eaf5006a089229416bdf23bb307b1e8f08ef6" },
  { "random-1007-acd",
    "d68ea8ef947cca5d66b784aa179d4b9bc1ace7120d61c339b4430c93afcd60ca",
    "c5f8f55be7852546be5607477b218e20eb373adce22c1372533e07cf998f220a" },
  { "random-1008-",
    "ae9c0fe7b8c10b9f2df4b14d3991222604693acb72f927c475e2e27ded9b6329",
    "e75be61942d21a9e81af2cb88ca34a31d4c74c07bcc0f102c3089f631c2c8a71" },
  { "random-1009-a",
    "58fe29239042a8dd28991409ed47a87bf28182089ecd3c99bd103e79b6b7a057",
    "d64a70d143c95d9a7e9eeb1ea1409578e9767e7e7475c84c15267aacdedbd379" },
  { "random-1010-c",
    "d748599384fc15598c6e4f3371137ec31dd29dca01ebc2f59a209ff361ad3ed9",
    "18b62665d04d2c2102b654fbdeffcb207bf2f9a0c3329ccaaf43d14b1c22d0a9" },
  { "random-1011-ac",
    "753c2607f20f7e2183f005567acf555f2c52c183d1f5856816e5b8e795cead27",
    "e61cf49d181f1321466bcde5dd477143a6f6dbffc06d3cb181357883ae8d6113" },
  { "random-1012-d",
    "b28056c4a21520f37359a5429bc58dddaf51fabf19d3fe2b56b95dc426afbdb9",
    "94fb07e42d10c2277e68833a05c2fcae0af94f909b926cc16563302566d0b0fe" },
  { "random-1013-ad",
    "c419df476fa8d7ac34e567341f185237996223f8483ad0bb363deedea22ac3df",
    "8fe7e4c20eac2bc9a44701513a89a7c1d7fbdf38540265ba6a98790066ce1719" },
  { "random-1014-cd",
    "9a6b2290e590a740e600d825707f9c2b002b2300ab60de0a8b0be9cf19374a97",
    "63849f5be6a0952c95cbd32d5434215fae145c8674d59cbfcb3209ec72afe4a6" },
  { "random-1015-acd",
    "b8f007b646ea5c9e9ef5a59bee95b3bc01d3e752ad5c47c848a982fae1ea0dfa",
    "14320d6723b5c8436b95314f8b8a5f2aa0ced2948f158cadb785f1e609f69676" },
  { "random-1016-",
    "29d9c04ed1306f7b29af3ed891344c2b68104e54eeb42bab3a3649c06b2d8696",
    "0876c94f7b052c908d1c664fc8a022082ffa085f92c3f51963f9cb1878e96a8a" },
  { "random-1017-a",
    "840cdfc41feb2a5f776f58baa7221b994a946fe0ddc4b2cfdc95b7fbab0644d6",
    "1eb41ede04b0bfe867b9e9ea954940a856ff6ac4f3a69f9a991d18e802f87fdc" },
  { "random-1018-c",
    "e2b0d5e93402ee44f5bb4588bf9c6fe1c515e893970a9cede78cdfe0c2d241b8",
    "fe170a8c1742dd203edeb92b70c4f98d5b61600f1d0c0b0b009fb4102656a3e3" },
  { "random-1019-ac",
    "2a5a152a51c4ba698dea7369cf895de2c1e0c19482ba8e3a8e600d4b0a8708aa",
    "d3cac9ef236e5fcc4872e5e83af4ed05258fb74404ed6baaf936489d75108e71" },
  { "random-1020-d",
    "62827ed72c488b597ae34f32bfe9fd87c955192c3ec330f2bb79f5a6fec441f2",
    "ae94575736fc731ad9748c9fb937a3244bc30461d7f337820b26e19a1dcc4b8b" },
  { "random-1021-ad",
    "8242e8bc56c118e33587411f3f5662bc6eff4c44ab76fa0b989a6e7215b07be0",
    "84fa89698ff62a64bf9ee82dc0d45429a7bbb614ca20bbdd9249310e3555dd32" },
  { "random-1022-cd",
    "9a3ca0a021c48ea7eedf793631f0781e5da4231111060b556a61acfc4338c1a7",
    "40fc970aa7514d757fe3b4a892d42196972ae2503a63f01e623fe0d3c7324f2b" },
  { "random-1023-acd",
    "04490a0b03ad90339992333f6364536f96c5951c68517a0a007e92e38bdd294c",
    "1757b7748ead0d266a2e80119cd5252ce6b38142fc6197bf08e6370091c223da" },
  { "random-1024-",
    "d8da1c2d50e3837db2868933eed66f4f7cc6324f80e9fcde89391e530ba3065f",
    "a93c52666cffacd598260447074796332692b151dbeaf755472c53c43b69e604" },
  { "random-1025-a",
    "cb7b260edd2677c0002088a179683410e771f31f9dab26676bb5e174e091c76f",
    "25517283a925ba4eafc62b747f64b8bb88056eca051f200756555ce327c54021" },
  { "random-1026-c",
    "a349877ccb9955759d48fce5a29acae619aff680870d811f3ec52b00ca152fe2",
    "293dc0ae6b274997b1978c8a5137cfc8faeb373546ce4569f2cbbaeaae1789fb" },
  { "random-1027-ac",
    "0ac4f8ece28a23ef4b7ec68ea41e16ae22bd00950458c0956e93434b24895361",
    "ab3029b245147ddec72af1de60105ace50496e4f2b72c7b75ee9389ad475964a" },
  { "random-1028-d",
    "4e20923d124f807a5d77fd28f139e2b30d4ec9d97c39708cb99a22fb03e96827",
    "c6188c3afa39f6a4b37720876b63676ecae65f5444971ba8fa0498f2fc602d51" },
  { "random-1029-ad",
    "ce0119109ef2591da80d3e3afa8a825b295c84ac57584313a9e6e00ce25f5dd3",
    "f3355716fe12c3908564bd73e51c1b2d1e63341f652688f499aa404d58e5f714" },
  { "random-1030-cd",
    "ce71e32b188685a4e1127135188470e857a8df2567c2f4e84b1c3a44850f12dd",
    "cb3b0637fa22be0b95ba0d34be643d09ebe51c9dc0ddf585d1189c9e689888f2" },
  { "random-1031-acd",
    "94ebb305a1c94482fd0d1f7046af65af6cc45c5e7c32acacf779d7824aeff339",
    "46789a2dc16cb2795b3f6e9b4705fb13d9b497686f8472322e7b37e6e8c8e84e" },
  { "random-1032-",
    "be5bd4b3097c7e23f8f565016e1464a60f59eda447cadae165670c87cd720435",
    "2ad10cea1d0c61bcc3a7246aac8fe63fadfe3a6c35f5116bcabe70bf6026d7af" },
  { "random-1033-a",
    "7cbf70b7b8107924cb8a1a23eae343f038f1985bc1920ee16cb6a881f1a6d615",
    "29e7f3b61db3dc9c6c85aa15bb9fc55dae758b1a00bea86af58523388a6599f0" },
  { "random-1034-c",
    "66ee5ef00ca901fc26e290f3524d4ab3d202bc0e9000ce97093dc0202f7989e0",
    "43e17c90bb0ebd964e33e495451b2244cdcdf159f820131f69eb7e4cf3292d81" },
  { "random-1035-ac",
    "353484e2e2a5a30e7c2163d9a5c0aac1b0c5fbf09e87c7316c8a5cf8fc18f5be",
    "c02696ead1e9159dde081831412ae0773ace0c820384d6eec7a60bb5cc075767" },
  { "random-1036-d",
    "ac46a1c9fb91241b5729a127661620248c5483e6f2847e3a4b4ee64ab108b2ed",
    "87f86fd5be471918b58fb8717e3dc29a872be5b96aafc89badf47d3c3f1c5bf6" },
  { "random-1037-ad",
    "587a246147ef6ef9acde97804915af773543ac9863e2ae0a3ac5b2d39d5823d5",
    "4c5a39fd9aa6111665b0be93a87ab13529bc94e2280dd4c03db2f5c90b49d37e" },
  { "random-1038-cd",
    "4e03187388b1d6d71a8e0dba69e8488845b7889796ac845e82f1aebfde4593b9",
    "5226b9d7d98dadcaf1c53462fe562321cb258a517abc49ae577859213a3313df" },
  { "random-1039-acd",
    "7b1dbf23c44d8bcdca54ab14a7e9cba36f43935750c3855e6313333cb9b40d84",
    "cf98e8837b07d4db6daf54393c4e258cf16e7447c83f3d2832c0b1528c30253e" },
  { "layered-2023-8x25x500x156",
    "911c57a49e9e8e80657ce942c906a51000b6b4b6b7b6dc42bc031cec23c694cd",
    "f1c30fb6193e3dc3dc47a9eb714c513b497aecbaf7dc0b79da6fb76dd4f7b12e" },
  { "layered-7-20x100x8000x104",
    "100cc3a2b065bb4d1de320a6d9cda6ee9a7c2467b0f15687ac2fea0052df5782",
    "13efbd2e53ddbd4ce717d88692ecb489ef1136fe862de9ab01670ef8fd66fb6b" },
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
