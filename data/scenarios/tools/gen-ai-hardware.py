#!/usr/bin/env python3
# gen-ai-hardware.py: writes the built-in scenario ai-hardware-2023-2025.waferline
# and its what-if cowos-doubled-2023.waferline from the figures below.
#
# Every figure comes from ../shared/reference/supply-chain-facts.md (the
# "fact sheet"; section numbers below refer to it) and carries its source id
# and confidence.  The .waferline files are what ships; this script only keeps
# the unit conversions in one readable place.  Run from anywhere:
#
#   python3 data/scenarios/tools/gen-ai-hardware.py
#   for f in data/scenarios/*.waferline; do waferline --save "$f" "$f"; done
#
# The second line puts the files in Waferline's canonical form (the test
# check-canonical-scenarios holds every shipped scenario to it).
#
# Copyright 2026 The Waferline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenario_xml as sx  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

WPM = 4.33            # weeks per month, for wafers/month -> wafers/week
START = datetime.date(2023, 1, 2)
WEEKS = 156
LAST = "2025-12-22"   # the last week of the calendar

# ------------------------------------------------------------------ sources

SOURCES = [
    ("seed", "seed", "Dylan Patel (SemiAnalysis) on the deep-learning hardware supply chain, The Inside View podcast", "2023-07", "https://www.youtube.com/watch?v=VItz2oEq5pA"),
    ("latent-space-2023-11", "public", "Latent Space: The State of Silicon and the GPU Poors (Dylan Patel): >3M Nvidia GPUs forecast for 2024", "2023-11", "https://www.latent.space/p/semianalysis"),
    ("facts-est", "estimate", "Waferline fact sheet, section 7 default parameters (estimates derived there)", None, None),
    ("calc", "estimate", "Arithmetic in this scenario: 4.33 weeks a month, unit conversions, calibration", None, None),
    ("digitimes-2023-07", "public", "DigiTimes via Taiwan News: TSMC CoWoS ~8k wpm mid-2023; Nvidia ~40% of 2024 bookings", "2023-07-17", "https://www.taiwannews.com.tw/en/news/4946540"),
    ("trendforce-2023-09", "public", "TrendForce: annual CoWoS wafers, ~110k in 2023 and ~240-250k in 2024", "2023-09-12", "https://www.trendforce.com/news/2023/09/12"),
    ("smbom-2023-11", "public", "CoWoS capacity 14-15k wpm at end-2023; equipment makers: Nvidia 144-150k of ~240k CoWoS wafers in 2024", "2023-11", "https://www.smbom.com/news/12786"),
    ("tsmc-2023-09", "public", "TSMC (Mark Liu): CoWoS demand tripled in 2023, capacity to double by end-2024, ~18 months to clear the shortage", "2023-09", None),
    ("ubs-2025-03", "public", "UBS via Reportify: CoWoS capacity 35-40k wpm at end-2024, 70k at end-2025", "2025-03-19", None),
    ("digitimes-research-2024-08", "public", "DIGITIMES Research: CoWoS and CoWoS-like capacity to 2025, Amkor and ASE/SPIL", "2024-08-29", None),
    ("redplanx-2024", "public", "Trade news (redplanx.com 2687134): ~28-29 H100 per CoWoS wafer; Nvidia 2024 bookings TSMC 120k + Amkor 20-30k wafers", "2024", None),
    ("cowos-users-2023", "public", "CoWoS users 2023: Nvidia + AMD 70-80%, Broadcom ~10%; 2025 split (SemiWiki)", "2023", None),
    ("trendforce-hbm-2023-08", "public", "TrendForce via BusinessKorea: HBM supplier shares 2023 (SK hynix and Samsung 46-49% each, Micron 4-6%)", "2023-08-09", None),
    ("trendforce-hbm-2024-03", "public", "TrendForce via Asia Economy: HBM TSV capacity end-2023 (SK hynix 45k, Samsung 45k, Micron 3k wpm) and end-2024 (~250k wpm)", "2024-03-18", None),
    ("hbm-qual-2024", "public", "Reuters, Chosun Ilbo, TrendForce: H100 HBM3 only from SK hynix; Micron HBM3E for H200 from Feb 2024; Samsung HBM3 cleared for H20 Jul-Aug 2024", "2024-07-24", None),
    ("counterpoint-abf-2023", "public", "Counterpoint: data-center GPUs a low single-digit share of ABF demand; ABF in a downturn in 1H23", "2023", None),
    ("taipeitimes-2024-12", "public", "Taipei Times (Bloomberg): Ibiden the dominant substrate supplier for Nvidia AI chips", "2024-12-31", None),
    ("foxconn-2023", "public", "Tom's Hardware/TrendForce: Foxconn sole maker of H100 SXM modules and >50% of HGX boards", "2023", None),
    ("nvidia-superpod", "public", "NVIDIA DGX SuperPOD reference architecture: 8 GPUs, 2 CPUs and 8x400G NICs per node; switch and optics counts", None, None),
    ("optics-2024", "public", "LightCounting and Cignal AI via Lightwave: AI optics volumes 2023-2024; 800G on allocation", "2024", None),
    ("semianalysis-2024-06", "public", "SemiAnalysis, 100,000 H100 Clusters (summary): ~1.4 kW IT per H100 all-in", "2024-06", None),
    ("woodmac-transformers", "public", "Wood Mackenzie: power transformer lead time ~128 weeks", None, None),
    ("omdia-2023-11", "public", "Omdia via Tom's Hardware: 2023 H100 units by customer; H100 server lead times 36-52 weeks", "2023-11-28", None),
    ("omdia-2024-12", "public", "Omdia via Financial Times: 2024 Hopper purchases by customer", "2024-12", None),
    ("meta-2024-01", "public", "Meta (Zuckerberg): ~350k H100 by end of 2024", "2024-01", None),
    ("inflection-2023-06", "public", "Inflection AI: 22,000 H100 cluster with CoreWeave, announced with a $1.3B raise", "2023-06-29", None),
    ("tesla-xai-2024", "public", "Tesla 10k H100 cluster (Aug 2023) and Cortex; xAI Colossus 100k H100 in 122 days (2024)", "2024", None),
    ("semianalysis-2023-bytedance", "public", "SemiAnalysis: AI capacity constraints, CoWoS and HBM; ByteDance >$1B A800/H800 order", "2023-06", "https://semianalysis.substack.com/p/ai-capacity-constraints-cowos-and"),
    ("coreweave-s1-2025", "public", "CoreWeave S-1: >250k GPUs at end-2024", "2025-03-03", None),
    ("oracle-2024-09", "public", "Oracle: 131,072-GPU Blackwell cluster announced", "2024-09", None),
    ("nvidia-10q-2025", "public", "Nvidia 10-Q: H20 export licence required from 2025-04-09", "2025-05", None),
    ("ubs-2024-02", "public", "UBS via wccftech: order-to-delivery 8-11 months at the 2023 peak, 3-4 months by Feb 2024", "2024-02", None),
    ("google-tpu", "public", "Google TPU v4/v5e/v5p on TSMC, Broadcom design partner; ~1.5M TPUs deployed by 2024 (Omdia via FT)", "2024-12", None),
]

# ---------------------------------------------------------------- helpers


def pt(date, value, interp="step", source=None, conf=None):
    return {"date": date, "value": value, "interpolate": interp, "source": source, "confidence": conf}


def lin_eval(points, date):
    """Piecewise-linear value of [(date, value)] at date (flat outside)."""
    d = datetime.date.fromisoformat(date)
    pts = [(datetime.date.fromisoformat(a), b) for a, b in points]
    if d <= pts[0][0]:
        return pts[0][1]
    for (d0, v0), (d1, v1) in zip(pts, pts[1:]):
        if d <= d1:
            return v0 + (v1 - v0) * (d - d0).days / (d1 - d0).days
    return pts[-1][1]


def sched(points, source, conf, scale=1.0, first_src=None):
    """Capacity points [(date, value, interp)] rounded to whole units."""
    out = []
    for i, (d, v, interp) in enumerate(points):
        out.append(pt(d, round(v * scale), interp, source[i] if isinstance(source, list) else source,
                      conf[i] if isinstance(conf, list) else conf))
    return out


# --------------------------------------------------- CoWoS calibration (§3.3, §7)

# TSMC CoWoS capacity, wafers per month (all customers): fact sheet §7
# cowos_tsmc midpoints of *actuals* (not plans, §6.4).  Held at ~8k through
# mid-2023 (AP6 opened Jun 2023), then linear ramps between the dated points.
COWOS_WPM = [("2023-01-02", 8000), ("2023-07-03", 8000), ("2023-12-25", 14500),
             ("2024-07-01", 22000), ("2024-12-30", 37500), ("2025-06-30", 55000),
             (LAST, 72500)]
COWOS_SRC = ["digitimes-2023-07", "digitimes-2023-07", "smbom-2023-11", "facts-est",
             "ubs-2025-03", "facts-est", "ubs-2025-03"]
COWOS_CONF = ["medium"] * 7
# Nvidia's share of TSMC CoWoS (§3.3, §6.6): 0.5 in 2023; 0.5 in 2024 (see the
# note: reproduces the Nvidia-specific 144-150k 2024 wafers on this ramp);
# rising to 0.65 in 2025 (§7).
NV_SHARE = [("2023-01-02", 0.5), ("2024-12-30", 0.5), ("2025-06-30", 0.65), (LAST, 0.65)]
# Packages per CoWoS wafer: 28 for H100/H200 (CoWoS-S); Blackwell on CoWoS-L
# gives ~16.  The share of Nvidia's CoWoS wafers on Blackwell ramps from
# Q4 2024 (0.1 at end-2024, 0.6 mid-2025, 0.8 end-2025), giving a blended
# packages/wafer for the capacity (the BOM stays H100-class).
PPW = [("2023-01-02", 28), ("2024-09-30", 28), ("2024-12-30", 26.8), ("2025-06-30", 20.8),
       (LAST, 18.4)]
TPU_SHARE = [("2023-01-02", 0.1), ("2024-12-30", 0.1), ("2025-06-30", 0.12), (LAST, 0.12)]
TPU_PPW = 28          # estimate: no published TPU interposer count
INTERPOSER_PER_PKG = 0.0357   # 1/28 CoWoS (interposer) wafer per package
COWOS_YIELD = 0.93
OSAT_YIELD = 0.9
TEST_YIELD = 0.98

COWOS_DATES = ["2023-01-02", "2023-07-03", "2023-12-25", "2024-07-01", "2024-09-30",
               "2024-12-30", "2025-06-30", LAST]


def cowos_nvidia(date, factor=1.0):
    return (lin_eval(COWOS_WPM, date) * lin_eval(NV_SHARE, date) * lin_eval(PPW, date)
            / WPM * factor)


def cowos_tpu(date, factor=1.0):
    return lin_eval(COWOS_WPM, date) * lin_eval(TPU_SHARE, date) * TPU_PPW / WPM * factor


def interposer_pool(date, factor=1.0):
    # Nvidia + Google TPU bookings of TSMC CoWoS wafers, +50% interposer headroom
    return (lin_eval(COWOS_WPM, date) * (lin_eval(NV_SHARE, date) + lin_eval(TPU_SHARE, date))
            * 1.5 / WPM * factor)


def src_for(date):
    return COWOS_SRC[[d for d, _ in COWOS_WPM].index(date)] if date in [d for d, _ in COWOS_WPM] else "calc"


def interp_for(i):
    return "step" if i == 0 else "linear"


# OSAT CoWoS-like capacity for Nvidia, wafers per month (§3.3 second sources;
# §7 osat_cowos_like_wpm 8k end-2024 and 17k end-2025 for Amkor + ASE/SPIL,
# about half for Nvidia, matching "Amkor 20-30k wafers" for Nvidia in 2024).
OSAT_WPM = [("2023-01-02", 0), ("2023-12-25", 0), ("2024-06-24", 1500), ("2024-12-30", 4000),
            (LAST, 8500)]

# ------------------------------------------------------------------ nodes

nodes = []
links = []


def node(**kw):
    nodes.append(kw)
    return kw


def link(frm, to, **kw):
    d = {"from": frm, "to": to}
    d.update(kw)
    links.append(d)
    return d


def build(cowos_factor=1.0, tag=""):
    nodes.clear()
    links.clear()
    wk = lambda wpm: wpm / WPM

    # ---- logic wafers and dies
    node(id="n4-wafers", kind="supply", name="TSMC N4 (4N) wafers for Nvidia", unit="wafer", group="TSMC",
         capacity=[pt("2023-01-02", round(wk(8000)), "step", "facts-est", "low"),
                   pt("2023-12-25", round(wk(8000)), "linear", "facts-est", "low"),
                   pt("2024-06-24", round(wk(10000)), "linear", "facts-est", "low"),
                   pt("2024-12-30", round(wk(12000)), "linear", "facts-est", "low"),
                   pt(LAST, round(wk(15000)), "linear", "facts-est", "low")],
         note="Wafers/week = wafers/month / 4.33. Fact sheet section 7 estimates 4,000-6,000 wpm used by Nvidia "
              "in 2023 (backed out of GPU output), 8,000-12,000 in 2024 and 10,000-15,000 in 2025. For 2023 we "
              "set 8,000 wpm: the 5,000 midpoint plus ~3,000 of the N5 family's idle capacity that TSMC could "
              "have sold (~150k wpm at 70-80% utilisation in 1H23, DigiTimes), which is the seed's 'TSMC "
              "actually does have slack capacity for making the chips'. By 1Q24 N4/N5 was full (section "
              "6.12), so 2024 ramps to 10,000 mid-year and 12,000 at year end, 2025 to 15,000. Blackwell's "
              "second die is not in the bill of materials, so the 2025 wafer draw is understated and "
              "logic wafers bind again in 2025.")
    node(id="gh100-dies", kind="process", name="GH100 die fab and sort", unit="die", group="TSMC",
         **{"lead-weeks": 13, "yield": 0.848, "initial-rate": 30500, "initial-stock": 200000,
            "source": "facts-est", "confidence": "medium"},
         note="Lead 13 weeks from wafer start to sorted die (fact sheet 3.1: 12-14 weeks, seed ~3 months). "
              "One start is one die candidate: per-unit 0.016 wafer = 62.5 candidates a wafer (60-66 "
              "published), yield 0.848 of them sellable after harvesting, so one wafer gives 53 good dies "
              "(section 7 default). Running start: 30,500 starts/week in late 2022 feed CoWoS at its "
              "January 2023 rate; 200,000 dies in the die bank (estimate: about 8 weeks of CoWoS starts).")

    # ---- HBM (unit: one HBM stack as placed on an H100-class package)
    node(id="hbm-skhynix", kind="supply", name="HBM stacks, SK hynix", unit="stack", group="SK hynix",
         capacity=[pt("2023-01-02", 160000, "step", "trendforce-hbm-2024-03", "low"),
                   pt("2023-12-25", 280000, "linear", "trendforce-hbm-2024-03", "low"),
                   pt("2024-12-30", 560000, "linear", "trendforce-hbm-2024-03", "low"),
                   pt(LAST, 850000, "linear", "facts-est", "low")],
         note="Stacks/week available to Nvidia. TSV capacity 45k wpm at end-2023 and 120-125k at end-2024 "
              "(TrendForce) x ~37.5 16-GB stacks per TSV wafer (600 GB, fact sheet 3.2) / 4.33 gives "
              "~390k and ~1.06M stacks/week for all customers; Nvidia is taken at ~70% in 2023 and ~53% "
              "in 2024. The 26-week wafer-to-stack lead time lies upstream of this supply and is not "
              "modelled. H200/B200 stacks (24 GB, 6-8 a GPU) are counted as H100-class stacks.")
    node(id="hbm-samsung", kind="supply", name="HBM stacks, Samsung", unit="stack", group="Samsung",
         allocation="priority", source="trendforce-hbm-2023-08", confidence="medium",
         capacity=[pt("2023-01-02", 100000, "step", "trendforce-hbm-2024-03", "low"),
                   pt("2024-12-30", 160000, "linear", "trendforce-hbm-2024-03", "low"),
                   pt(LAST, 300000, "linear", "facts-est", "low")],
         note="Samsung supplied AMD, Google and other CSPs in 2023 (fact sheet 6.7); its HBM3 was cleared "
              "for Nvidia only for the H20 in Jul-Aug 2024, so its mix into Nvidia's CoWoS is 0 until "
              "then. Google's TPU line is served first (priority 1).")
    node(id="hbm-micron", kind="supply", name="HBM stacks, Micron", unit="stack", group="Micron",
         capacity=[pt("2023-01-02", 5000, "step", "trendforce-hbm-2024-03", "low"),
                   pt("2024-02-05", 30000, "linear", "hbm-qual-2024", "low"),
                   pt("2024-12-30", 150000, "linear", "trendforce-hbm-2024-03", "low"),
                   pt(LAST, 320000, "linear", "facts-est", "low")],
         note="Micron TSV capacity 3k wpm at end-2023, ~20k at end-2024 (TrendForce). HBM3E mass "
              "production for the H200 from Feb 2024, which is when its mix into Nvidia's CoWoS leaves 0.")

    # ---- interposers and substrates
    ip = []
    for i, d in enumerate(COWOS_DATES):
        ip.append(pt(d, round(interposer_pool(d, cowos_factor)), interp_for(i), "calc", "medium"))
    node(id="interposer", kind="supply", name="TSMC CoWoS interposer wafers (Nvidia and Google TPU bookings)",
         unit="wafer", group="TSMC", allocation="fixed-share", source="tsmc-2023-09", confidence="high", capacity=ip,
         note="One CoWoS wafer is one 65-nm-class silicon interposer wafer (fact sheet 3.4). Capacity = "
              "TSMC CoWoS wafers/month x (Nvidia share + Google TPU share) x 1.5 / 4.33 (the 65-nm interposer fab is not short; the headroom keeps it from binding). "
              "TSMC splits it by booking (fixed-share 5:1 between Nvidia's CoWoS-S line and Google's TPU "
              "line, close to 0.5 : 0.1 of TSMC's CoWoS in 2023-24). This is where the TPU branch "
              "competes with Nvidia for TSMC capacity." + tag)
    node(id="interposer-osat", kind="supply", name="Interposers for OSAT CoWoS-like lines (UMC and others)",
         unit="wafer", group="OSAT",
         capacity=[pt("2023-01-02", 500, "step", "digitimes-research-2024-08", "low"),
                   pt("2024-12-30", 1200, "linear", "digitimes-research-2024-08", "low"),
                   pt(LAST, 2400, "linear", "facts-est", "low")],
         note="UMC, Samsung and Amkor were discussed as interposer second sources (fact sheet 3.4); "
              "capacity is an estimate with headroom over the OSAT CoWoS-like line.")
    node(id="abf-ibiden", kind="supply", name="ABF substrates, Ibiden", unit="substrate", group="Ibiden",
         source="taipeitimes-2024-12", confidence="medium",
         capacity=[pt("2023-01-02", 60000, "step", "counterpoint-abf-2023", "low"),
                   pt("2024-12-30", 120000, "linear", "facts-est", "low"),
                   pt(LAST, 200000, "linear", "facts-est", "low")],
         note="Ibiden is Nvidia's dominant substrate supplier (Bloomberg); the 60/25/15 split between "
              "Ibiden, Unimicron and others is the fact sheet's low-confidence estimate (no sourced "
              "shares). ABF was not binding in 2023 (Counterpoint), so capacities carry headroom.")
    node(id="abf-unimicron", kind="supply", name="ABF substrates, Unimicron", unit="substrate", group="Unimicron",
         capacity=[pt("2023-01-02", 30000, "step", "counterpoint-abf-2023", "low"),
                   pt("2024-12-30", 70000, "linear", "facts-est", "low"),
                   pt(LAST, 120000, "linear", "facts-est", "low")])
    node(id="abf-others", kind="supply", name="ABF substrates, others (Nan Ya, Kinsus, Shinko, AT&S)",
         unit="substrate", group="ABF others",
         capacity=[pt("2023-01-02", 15000, "step", "counterpoint-abf-2023", "low"),
                   pt("2024-12-30", 30000, "linear", "facts-est", "low"),
                   pt(LAST, 60000, "linear", "facts-est", "low")])

    # ---- CoWoS
    cw = []
    for i, d in enumerate(COWOS_DATES):
        cw.append(pt(d, round(cowos_nvidia(d, cowos_factor)), interp_for(i), src_for(d) if d != "2024-09-30" else "calc", "medium"))
    r0 = round(cowos_nvidia("2023-01-02"))
    node(id="cowos-tsmc", kind="process", name="CoWoS-S packaging, TSMC (Nvidia)", unit="package", group="TSMC",
         **{"lead-weeks": 6, "yield": COWOS_YIELD, "initial-rate": r0, "source": "trendforce-2023-09",
            "confidence": "medium"},
         capacity=cw,
         note="Starts/week = TSMC CoWoS wafers/month x Nvidia share x packages per wafer / 4.33. Capacity "
              "uses actuals, not plans (fact sheet 6.4): ~8k wpm to mid-2023, 14.5k end-2023, 22k mid-2024, "
              "37.5k end-2024, 55k mid-2025, 72.5k end-2025 (midpoints of section 7), linear between; "
              "~115k wafers in 2023 (sources: 110-120k). Nvidia share 0.5 in 2023 (section 7). For 2024 we "
              "keep 0.5 rather than the 0.6 of UDN: on this ramp (288k wafers in 2024, above the 240-250k "
              "annual estimate) 0.5 reproduces the Nvidia-specific 144-150k wafers reported by equipment "
              "makers, and with 28 packages a wafer, 0.93 yield and 0.98 test yield gives ~3.7M GPUs, "
              "inside the >3M forecast. 0.65 in 2025. Packages per wafer 28 for H100/H200 (6.5: not 60, not "
              "9), blended towards 16 (CoWoS-L Blackwell) from Q4 2024. Yield 0.93 (estimate, 0.85-0.98); "
              "lead 6 weeks (estimate, 4-10). The seed: the single biggest bottleneck in 2023." + tag)
    osat = []
    for i, (d, v) in enumerate(OSAT_WPM):
        osat.append(pt(d, round(v * 28 / WPM), "step" if i == 0 else "linear",
                       "digitimes-research-2024-08" if i >= 3 else "redplanx-2024", "low"))
    node(id="cowos-osat", kind="process", name="CoWoS-like packaging, Amkor and SPIL (Nvidia)", unit="package",
         group="OSAT", **{"lead-weeks": 7, "yield": OSAT_YIELD, "source": "digitimes-research-2024-08",
                          "confidence": "low"},
         capacity=osat,
         note="Second sources from the end of 2023: Amkor ramped CoWoS-like capacity from Q4 2023, SPIL "
              "supplied from Q1 2024. Nvidia's part is taken as about half of the Amkor + ASE/SPIL "
              "totals in section 7 (8k wpm end-2024, 17k end-2025): 1.5k wpm mid-2024, 4k end-2024, 8.5k "
              "end-2025, x 28 packages a wafer / 4.33, which gives ~21k wafers in 2024 (reported: Amkor "
              "20-30k for Nvidia). Yield 0.9 and lead 7 weeks are estimates.")

    # ---- test, boards, servers
    node(id="final-test", kind="process", name="Final test and burn-in (KYEC, TSMC)", unit="gpu", group="Test",
         **{"lead-weeks": 2, "yield": TEST_YIELD, "initial-rate": round(r0 * COWOS_YIELD),
            "source": "latent-space-2023-11", "confidence": "medium"},
         capacity=[pt("2023-01-02", 60000, "step", "facts-est", "low"),
                   pt("2024-12-30", 180000, "linear", "facts-est", "low"),
                   pt(LAST, 320000, "linear", "facts-est", "low")],
         note="Its output is Nvidia's GPU output: >1M in 2023 (seed), >3M forecast for 2024 (Latent Space). Test plus burn-in 1.5-2 weeks (rounded to 2) and yield 0.98: estimates, no published "
              "figures (fact sheet 3.5). Tester capacity carries headroom over CoWoS output.")
    g0 = r0 * COWOS_YIELD * TEST_YIELD
    node(id="hgx-boards", kind="process", name="SXM modules and HGX baseboards (Foxconn, Wistron)", unit="board",
         group="Foxconn", **{"lead-weeks": 1, "initial-rate": round(g0 / 8), "source": "foxconn-2023",
                             "confidence": "medium"},
         capacity=[pt("2023-01-02", 8000, "step", "facts-est", "low"),
                   pt("2024-12-30", 25000, "linear", "facts-est", "low"),
                   pt(LAST, 40000, "linear", "facts-est", "low")],
         note="8 GPUs per HGX baseboard. Foxconn was the sole maker of H100 SXM modules and >50% of HGX boards.")
    node(id="server-cpus", kind="supply", name="Server CPUs (Intel Xeon, AMD EPYC)", unit="cpu", group="CPUs",
         capacity=[pt("2023-01-02", 30000, "step", "facts-est", "low"),
                   pt(LAST, 100000, "linear", "facts-est", "low")],
         note="2 CPUs per 8-GPU server (DGX H100: 2x Xeon 8480C). Not a constraint; capacity is an estimate.")
    node(id="nics", kind="supply", name="ConnectX-7 400G NICs (Nvidia)", unit="nic", group="Nvidia networking",
         capacity=[pt("2023-01-02", 80000, "step", "facts-est", "low"),
                   pt("2024-12-30", 250000, "linear", "facts-est", "low"),
                   pt(LAST, 400000, "linear", "facts-est", "low")],
         note="One 400G backend NIC per GPU, 8 per server (SuperPOD reference architecture); frontend NICs left out.")
    node(id="server-odm", kind="process", name="Server ODM/OEM build (Foxconn, Quanta, Wiwynn, Supermicro, Dell)",
         unit="server", group="ODM", **{"lead-weeks": 2, "initial-rate": round(g0 / 8), "source": "facts-est",
                                        "confidence": "low"},
         capacity=[pt("2023-01-02", 8000, "step", "facts-est", "low"),
                   pt("2024-12-30", 25000, "linear", "facts-est", "low"),
                   pt(LAST, 40000, "linear", "facts-est", "low")],
         note="L10-L11 build and burn-in 2-4 weeks (estimate, 2). One HGX board, 2 CPUs and 8 NICs per server.")

    # ---- networking, power, data centre
    node(id="switches", kind="supply", name="Switches (Nvidia Quantum-2 and Spectrum, Arista)", unit="switch",
         group="Networking",
         capacity=[pt("2023-01-02", 4000, "step", "facts-est", "low"),
                   pt("2024-12-30", 12000, "linear", "facts-est", "low"),
                   pt(LAST, 20000, "linear", "facts-est", "low")],
         note="0.06 switches per GPU (fact sheet 3.8: 0.047 for a 2-tier to 0.078 for a 3-tier fat tree).")
    node(id="optics-400g", kind="supply", name="400G transceivers (NIC side)", unit="transceiver", group="Optics",
         capacity=[pt("2023-01-02", 70000, "step", "optics-2024", "low"),
                   pt("2024-12-30", 200000, "linear", "optics-2024", "low"),
                   pt(LAST, 320000, "linear", "facts-est", "low")],
         note="One 400G module per GPU on the NIC side (fact sheet 3.8).")
    node(id="optics-800g", kind="supply", name="800G transceivers (InnoLight, Eoptolink, Coherent)", unit="transceiver",
         group="Optics",
         capacity=[pt("2023-01-02", 100000, "step", "optics-2024", "low"),
                   pt("2023-12-25", 140000, "linear", "optics-2024", "low"),
                   pt("2024-12-30", 400000, "linear", "optics-2024", "low"),
                   pt(LAST, 640000, "linear", "facts-est", "low")],
         note="Two 800G twin-port modules per GPU in the switch fabric (1.5 for 2 tiers to 2.5 for 3). 800G "
              "units in 1Q24 about equalled all of 2023 (Cignal AI), hence the steep 2024 ramp.")
    node(id="grid-power", kind="supply", name="Grid connections, transformers and switchgear", unit="MW",
         group="Power",
         capacity=[pt("2023-01-02", 80, "step", "woodmac-transformers", "low"),
                   pt("2024-12-30", 180, "linear", "facts-est", "low"),
                   pt(LAST, 300, "linear", "facts-est", "low")],
         note="MW of critical IT capacity that can be energised per week for AI data centres. Transformers "
              "take ~128 weeks and grid interconnection years, so capacity only grows slowly; an estimate.")
    node(id="dc-power", kind="process", name="Powered data halls (fit-out, cooling)", unit="MW", group="Power",
         **{"lead-weeks": 26, "initial-rate": 45, "initial-stock": 300, "source": "facts-est",
            "confidence": "low"},
         note="Shell fit-out and energisation, 26 weeks (estimate; whole builds take 12-36 months, xAI's "
              "retrofit 4). The running start has 45 MW/week in fit-out and 300 MW of halls ready.")
    node(id="dc-install", kind="process", name="Data-centre installation (racking, cabling, bring-up)", unit="gpu",
         group="Data centres", **{"lead-weeks": 2, "initial-rate": round(g0), "source": "facts-est",
                                  "confidence": "low"},
         capacity=[pt("2023-01-02", 60000, "step", "facts-est", "low"),
                   pt("2024-12-30", 180000, "linear", "facts-est", "low"),
                   pt(LAST, 300000, "linear", "facts-est", "low")],
         note="Per GPU: 1/8 server, 0.06 switch, one 400G and two 800G transceivers, 0.0014 MW (1.4 MW of IT "
              "load per 1,000 H100: SemiAnalysis build-up; Inflection 1.41, xAI 1.5, DGX SU 1.29; IT load, "
              "not facility load with PUE, section 6.10). Rack integration and bring-up 2 weeks (estimate; 1-2 weeks in the fact sheet).")

    # ---- Nvidia's allocation
    node(id="nvidia", kind="process", name="Nvidia allocation (customer democracy)", unit="gpu", group="Nvidia",
         allocation="fair-share", source="seed", confidence="medium",  # lead-time sources: ubs-2024-02, omdia-2023-11
         note="The seed: Nvidia does not raise prices or let one buyer take everything; it goes down its "
              "customer list giving each a share, 'next quarter you can buy more', and gave Inflection "
              "22,000 GPUs. Modelled as max-min fair shares of what is installed each week. Lead time "
              "order to installed = production time (the seed's 4-6 months, if worked on at once) plus "
              "the allocation queue (Omdia's 36-52 weeks, UBS 8-11 months at the 2023 peak, 3-4 months by "
              "Feb 2024): section 6.1. One shared build path stands for every customer's servers and "
              "halls, so the split is applied to installed GPUs.")

    # ---- TPU branch
    node(id="tpu-wafers", kind="supply", name="TSMC N5-class wafers for Google TPU", unit="wafer", group="TSMC",
         capacity=[pt("2023-01-02", round(wk(1000)), "step", "google-tpu", "low"),
                   pt(LAST, round(wk(3000)), "linear", "google-tpu", "low")],
         note="The seed: Google mostly buys TPUs, made on the same TSMC 5-nm-class capacity. Wafer counts "
              "are estimates (none published).")
    node(id="tpu-dies", kind="process", name="TPU die fab and sort", unit="die", group="Broadcom",
         **{"lead-weeks": 13, "yield": 0.85, "initial-rate": 6000, "source": "google-tpu", "confidence": "low"},
         note="~110 candidates a wafer (per-unit 0.009) and yield 0.85: estimates for a TPU v5-class die.")
    tc = []
    for i, d in enumerate(COWOS_DATES):
        tc.append(pt(d, round(cowos_tpu(d, cowos_factor)), interp_for(i), "cowos-users-2023", "low"))
    node(id="tpu-cowos", kind="process", name="CoWoS packaging, TSMC (Google TPU)", unit="tpu", group="TSMC",
         **{"lead-weeks": 6, "yield": COWOS_YIELD, "initial-rate": round(cowos_tpu("2023-01-02")),
            "source": "cowos-users-2023", "confidence": "low"},
         capacity=tc,
         note="Broadcom (mostly Google TPU) took ~10% of TSMC CoWoS in 2023 and ~13% in 2025: TSMC CoWoS "
              "wafers x 0.10 (0.12 in 2025) x 28 packages a wafer (estimate) / 4.33." + tag)
    node(id="tpu-systems", kind="process", name="TPU boards and racks (Quanta)", unit="tpu", group="Google",
         **{"lead-weeks": 4, "initial-rate": round(cowos_tpu("2023-01-02") * COWOS_YIELD),
            "source": "google-tpu", "confidence": "low"})

    # ---- customers
    add_customers()

    # ---- links
    link("n4-wafers", "gh100-dies", **{"per-unit": 0.016, "source": "facts-est", "confidence": "medium"})
    for cw_ in ("cowos-tsmc", "cowos-osat"):
        link("gh100-dies", cw_, source="facts-est", confidence="high")
        link("hbm-skhynix", cw_, input="hbm", **{"per-unit": 5, "source": "hbm-qual-2024", "confidence": "medium"},
             mix=[pt("2023-01-02", 1, "step", "hbm-qual-2024", "medium"),
                  pt("2024-02-05", 1, "step", "hbm-qual-2024", "medium"),
                  pt("2024-07-01", 0.85, "linear", "facts-est", "low"),
                  pt("2024-12-30", 0.75, "linear", "facts-est", "low"),
                  pt("2025-06-30", 0.6, "linear", "facts-est", "low")])
        link("hbm-samsung", cw_, input="hbm", **{"per-unit": 5, "priority": 2, "source": "hbm-qual-2024",
                                                   "confidence": "medium"},
             mix=[pt("2023-01-02", 0, "step", "hbm-qual-2024", "medium"),
                  pt("2024-08-05", 0, "step", "hbm-qual-2024", "medium"),
                  pt("2024-12-30", 0.1, "linear", "facts-est", "low"),
                  pt("2025-06-30", 0.18, "linear", "facts-est", "low")])
        link("hbm-micron", cw_, input="hbm", **{"per-unit": 5, "source": "hbm-qual-2024", "confidence": "medium"},
             mix=[pt("2023-01-02", 0, "step", "hbm-qual-2024", "medium"),
                  pt("2024-02-05", 0, "step", "hbm-qual-2024", "medium"),
                  pt("2024-07-01", 0.15, "linear", "facts-est", "low"),
                  pt("2024-12-30", 0.15, "linear", "facts-est", "low"),
                  pt("2025-06-30", 0.22, "linear", "facts-est", "low")])
        if cw_ == "cowos-tsmc":
            link("interposer", cw_, **{"per-unit": INTERPOSER_PER_PKG, "share": 5, "source": "redplanx-2024",
                                       "confidence": "low"})
        else:
            link("interposer-osat", cw_, **{"per-unit": INTERPOSER_PER_PKG, "source": "redplanx-2024",
                                            "confidence": "low"})
        link("abf-ibiden", cw_, input="substrate", mix=0.6, source="facts-est", confidence="low")
        link("abf-unimicron", cw_, input="substrate", mix=0.25, source="facts-est", confidence="low")
        link("abf-others", cw_, input="substrate", mix=0.15, source="facts-est", confidence="low")
    link("cowos-tsmc", "final-test", input="package", source="calc", confidence="medium")
    link("cowos-osat", "final-test", input="package", source="calc", confidence="low",
         mix=[pt("2023-01-02", 0, "step", "digitimes-research-2024-08", "medium"),
              pt("2023-12-25", 0, "step", "digitimes-research-2024-08", "medium"),
              pt("2024-06-24", 0.13, "linear", "calc", "low"),
              pt("2024-12-30", 0.21, "linear", "calc", "low"),
              pt("2025-06-30", 0.23, "linear", "calc", "low"),
              pt(LAST, 0.26, "linear", "calc", "low")])
    link("final-test", "hgx-boards", **{"per-unit": 8, "source": "nvidia-superpod", "confidence": "high"})
    link("hgx-boards", "server-odm", source="nvidia-superpod", confidence="high")
    link("server-cpus", "server-odm", **{"per-unit": 2, "source": "nvidia-superpod", "confidence": "high"})
    link("nics", "server-odm", **{"per-unit": 8, "source": "nvidia-superpod", "confidence": "high"})
    link("server-odm", "dc-install", **{"per-unit": 0.125, "source": "nvidia-superpod", "confidence": "high"})
    link("switches", "dc-install", **{"per-unit": 0.06, "source": "facts-est", "confidence": "low"})
    link("optics-400g", "dc-install", **{"per-unit": 1, "source": "facts-est", "confidence": "low"})
    link("optics-800g", "dc-install", **{"per-unit": 2, "source": "facts-est", "confidence": "low"})
    link("grid-power", "dc-power", source="facts-est", confidence="low")
    link("dc-power", "dc-install", **{"per-unit": 0.0014, "source": "semianalysis-2024-06", "confidence": "medium"})
    link("dc-install", "nvidia", source="calc", confidence="high")
    for c in CUSTOMERS:
        link("nvidia", c[0], source="seed", confidence="medium")
    link("tpu-wafers", "tpu-dies", **{"per-unit": 0.009, "source": "google-tpu", "confidence": "low"})
    link("tpu-dies", "tpu-cowos", source="google-tpu", confidence="low")
    link("hbm-samsung", "tpu-cowos", **{"per-unit": 4, "source": "google-tpu", "confidence": "low"})
    link("interposer", "tpu-cowos", **{"per-unit": INTERPOSER_PER_PKG, "source": "cowos-users-2023",
                                       "confidence": "low"})
    link("abf-unimicron", "tpu-cowos", source="facts-est", confidence="low")
    link("tpu-cowos", "tpu-systems", source="google-tpu", confidence="low")
    link("tpu-systems", "google-tpu", source="google-tpu", confidence="low")


# -------------------------------------------------------------- customers
#
# In this model nothing is started before an order asks for it, and a GPU takes
# 26 weeks from wafer start to installed (13 + 6 + 2 + 1 + 2 + 2).  So orders are
# commitments placed about two quarters ahead of delivery, as hyperscalers did,
# and the order book must hold more than the pipeline for the chain to run at
# capacity.  Aggregate placements per quarter (thousand GPUs) are sized so that
# deliveries match the fact sheet: ~1.3M in 2023 and ~3.7M in 2024 (section
# 4.2), with demand above CoWoS supply through 2023 (a queue on top of the
# pipeline) and the queue worked off during 2024.  They are split over customers
# by weights from Omdia's per-customer units (section 4.3: 2023 H100 units,
# 2024 Hopper units), with the seed's and Omdia's scopes kept apart (6.3).
# A "2022" tranche placed on 2022-10-03 is the backlog the running pipeline
# serves in the first half of 2023.

PLACED = [("2022-10-03", 750), ("2023-01-02", 550), ("2023-04-03", 650), ("2023-07-03", 500),
          ("2023-10-02", 600), ("2024-01-01", 600), ("2024-04-01", 900), ("2024-07-01", 1100),
          ("2024-09-30", 1600), ("2024-12-30", 1700), ("2025-03-31", 1600), ("2025-06-30", 1400),
          ("2025-09-29", 1200)]
DUE_WEEKS = 26   # the seed's 4-6 months from order to installed, upper end

# weights per year of placing (2022 uses 2023's); None = no tranche
W23 = {"openai": .08, "microsoft": .07, "meta": .09, "google": .05, "amazon": .06, "oracle": .05,
       "coreweave": .06, "tencent": .06, "baidu-alibaba": .05, "bytedance": .06, "lambda": .03,
       "other-clouds": .09, "sovereign": .08, "enterprise": .09}
W24 = {"openai": .07, "microsoft": .08, "meta": .08, "google": .06, "amazon": .07, "oracle": .06,
       "coreweave": .07, "tencent": .06, "bytedance": .06, "baidu-alibaba": .04, "lambda": .025,
       "tesla": .03, "xai": .03, "other-clouds": .08, "sovereign": .06, "enterprise": .09}
W25 = {"openai": .08, "microsoft": .08, "meta": .08, "google": .07, "amazon": .08, "oracle": .07,
       "coreweave": .07, "xai": .05, "tesla": .03, "lambda": .03, "other-clouds": .1,
       "sovereign": .08, "enterprise": .1}
# China: H20 export licence required from 2025-04-09, so no Chinese orders after Q1 2025
W25Q1_CHINA = {"bytedance": .04, "tencent": .04, "baidu-alibaba": .02}

SRC_BY_YEAR = {"2022": ("calc", "low"), "2023": ("omdia-2023-11", "medium"),
               "2024": ("omdia-2024-12", "medium"), "2025": ("calc", "low")}

CUSTOMERS = [
    # id, name, group, source of the node, extra tranches (placed, qty, source, confidence, suffix)
    ("openai", "OpenAI (via Microsoft)", "AI labs", "seed", []),
    ("microsoft", "Microsoft Azure", "Hyperscalers", "omdia-2023-11", []),
    ("meta", "Meta", "Hyperscalers", "meta-2024-01", []),
    ("google", "Google (H100)", "Hyperscalers", "omdia-2023-11", []),
    ("amazon", "Amazon", "Hyperscalers", "omdia-2023-11", []),
    ("oracle", "Oracle", "Hyperscalers", "oracle-2024-09", []),
    ("coreweave", "CoreWeave", "Neoclouds", "coreweave-s1-2025", []),
    ("inflection", "Inflection (via CoreWeave)", "AI labs", "inflection-2023-06",
     [("2023-06-26", 22000, "inflection-2023-06", "medium", "cluster-2023")]),
    ("xai", "xAI", "AI labs", "tesla-xai-2024",
     [("2024-03-04", 100000, "tesla-xai-2024", "medium", "colossus-2024")]),
    ("tesla", "Tesla", "AI labs", "tesla-xai-2024",
     [("2023-01-02", 10000, "tesla-xai-2024", "medium", "cluster-2023"),
      ("2023-07-03", 15000, "omdia-2023-11", "medium", "2023-07-03")]),
    ("bytedance", "ByteDance", "China", "semianalysis-2023-bytedance", []),
    ("tencent", "Tencent", "China", "omdia-2023-11", []),
    ("baidu-alibaba", "Baidu and Alibaba", "China", "omdia-2023-11", []),
    ("lambda", "Lambda", "Neoclouds", "omdia-2023-11", []),
    ("other-clouds", "Other clouds and neoclouds", "Others", "calc", []),
    ("sovereign", "Sovereign AI and research", "Others", "calc", []),
    ("enterprise", "Enterprises via Dell, HPE and Supermicro", "Others", "calc", []),
]

TPU_ORDERS = [("2022-10-03", 150000), ("2023-01-02", 110000), ("2023-04-03", 110000),
              ("2023-07-03", 110000), ("2023-10-02", 110000), ("2024-01-01", 250000),
              ("2024-04-01", 300000), ("2024-07-01", 400000), ("2024-09-30", 500000),
              ("2024-12-30", 600000), ("2025-03-31", 650000), ("2025-06-30", 650000),
              ("2025-09-29", 600000)]


def weights_for(date):
    y = date[:4]
    if y in ("2022", "2023"):
        w = dict(W23)
    elif y == "2024" and date != "2024-12-30":
        w = dict(W24)
    else:
        w = dict(W25)
        if date == "2024-12-30":
            w.update(W25Q1_CHINA)
    tot = sum(w.values())
    return {k: v / tot for k, v in w.items()}


def due_of(placed):
    due = datetime.date.fromisoformat(placed) + datetime.timedelta(weeks=DUE_WEEKS)
    return due.isoformat()


def add_customers():
    for (id_, name, group, src, extra) in CUSTOMERS:
        orders = []
        for placed, total in PLACED:
            w = weights_for(placed).get(id_)
            if not w:
                continue
            year = "2025" if placed == "2024-12-30" else placed[:4]
            s, c = SRC_BY_YEAR[year]
            if id_ in ("other-clouds", "sovereign", "enterprise"):
                s, c = "calc", "low"
            if placed == "2024-12-30" and id_ in W25Q1_CHINA:
                s, c = "nvidia-10q-2025", "low"
            q = round(total * 1000 * w / 1000) * 1000
            if q <= 0:
                continue
            orders.append({"id": "%s-%s" % (id_, placed), "quantity": q, "placed": placed,
                           "due": due_of(placed), "source": s, "confidence": c})
        for (placed, q, s, c, suffix) in extra:
            orders.append({"id": "%s-%s" % (id_, suffix), "quantity": q, "placed": placed,
                           "due": due_of(placed), "source": s, "confidence": c})
        orders.sort(key=lambda o: o["placed"])
        node(id=id_, kind="customer", name=name, unit="gpu", group=group, source=src,
             confidence="medium", orders=orders)
    orders = []
    for placed, q in TPU_ORDERS:
        year = "2025" if placed == "2024-12-30" else placed[:4]
        orders.append({"id": "google-tpu-" + placed, "quantity": q, "placed": placed, "due": due_of(placed),
                       "source": "google-tpu" if year in ("2023", "2024") else "calc", "confidence": "low"})
    node(id="google-tpu", kind="customer", name="Google (TPU)", unit="tpu", group="Hyperscalers",
         source="google-tpu", confidence="low", orders=orders)


DESCRIPTION = """\
Nvidia's data-centre GPUs (H100/A100 class; Blackwell counted per package from late 2024) and \
Google's TPUs, from TSMC wafers to installed clusters, January 2023 to December 2025. Seed: Dylan \
Patel's 2023 podcast (CoWoS, not N4 wafers, is the bottleneck; >1M GPUs in 2023; 4-6 months from \
order to installed; Nvidia's customer democracy). Every figure comes from the Waferline fact sheet \
with its source and confidence; per-week values are wafers/month / 4.33. CALIBRATION (capacity: \
fact-sheet figures used). N4 wafers for Nvidia: 8k wpm 2023 (5k used per section 7 + idle N5 \
capacity), 10k mid-2024, 12k end-2024, 15k end-2025; 62.5 candidates and 53 good dies a wafer \
(section 7). HBM: 5 stacks a GPU (section 3.2); SK hynix TSV 45k wpm end-2023, ~122k end-2024 x \
37.5 stacks a wafer; Micron from Feb 2024, Samsung from Aug 2024; Nvidia shares 0.75/0.15/0.10 \
in 2024 and 0.60/0.22/0.18 in 2025 (section 7 suppliers_share_nvidia). TSMC CoWoS: 8k wpm to \
mid-2023, 14.5k end-2023, 22k mid-2024, 37.5k end-2024, 55k mid-2025, 72.5k end-2025 (section 7 \
midpoints of actuals) x Nvidia share 0.5 (2023-24), 0.65 (2025) x 28 packages a wafer (blended \
to 18.4 by end-2025 as Blackwell moves to CoWoS-L) x yield 0.93, lead 6 weeks. Amkor/SPIL \
CoWoS-like for Nvidia: 1.5k wpm mid-2024, 4k end-2024, 8.5k end-2025. Google TPU: 10-12% of \
TSMC CoWoS (Broadcom's share). Test yield 0.98; 8 GPUs a board and a server; 1.4 MW per 1,000 \
GPUs; 0.06 switches, one 400G and two 800G transceivers a GPU. Orders: weights from Omdia's \
per-customer units for 2023 and 2024 (section 4.3), placed in quarterly tranches about two \
quarters ahead of delivery and due 26 weeks after placing. Expected story (hand simulation): \
CoWoS binds through 2023 while N4 runs at ~50%; ~1.3M GPUs out of test in 2023 and ~3.6M in \
2024; orders placed in mid-2023 take ~50 weeks to install against 26 weeks of production, and \
the wait shrinks through 2024 as CoWoS capacity grows."""


def scenario(title, description, factor, tag):
    build(factor, tag)
    return {"title": title, "description": description, "start": START.isoformat(), "weeks": WEEKS,
            "sources": [{"id": a, "basis": b, "title": c, "date": d, "url": e} for a, b, c, d, e in SOURCES],
            "nodes": nodes, "links": links,
            "views": ['  <views>',
                      '    <sankey from="2023-07-03" to="2023-09-25"/>',
                      '    <gantt mode="orders" zoom="month" as-of="2023-10-02"/>',
                      '  </views>']}


def main():
    sx.write(os.path.join(OUT, "ai-hardware-2023-2025.waferline"),
             scenario("AI accelerator supply chain, 2023–2025", DESCRIPTION, 1.0, ""))
    tag = (" What-if: doubled from 2023-01-02 in cowos-doubled-2023 (x2 against the built-in "
           "scenario at every point).")
    sx.write(os.path.join(OUT, "cowos-doubled-2023.waferline"),
             scenario("What if TSMC had twice the CoWoS capacity from 2023?",
                      "The built-in scenario (ai-hardware-2023-2025) with TSMC's CoWoS capacity doubled from "
                      "2023-01-02: the capacity schedules of cowos-tsmc (Nvidia), tpu-cowos (Google TPU) and "
                      "the shared CoWoS interposer pool are multiplied by 2 at every point. The running "
                      "start (initial rates: what was started in late 2022) is unchanged, and so is everything "
                      "else: not N4 wafers, HBM, "
                      "OSAT CoWoS-like lines, test or the orders. Use it to see how far the 2023 queue comes "
                      "from CoWoS alone and which stage binds next.", 2.0, tag))


if __name__ == "__main__":
    main()
