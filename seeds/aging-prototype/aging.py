#!/usr/bin/python3
"""Prototype of the lifetime `aging` model (OsteoOde), scipy reference implementation.

Model: two Scheiner-2013 cell blocks (trabecular, cortical) sharing a Karin-2019 senescence clock, marrow
extracellular-vesicle (EV) pools with cargo loads, a marrow-fate (osteogenic/adipogenic) split with a marrow-fat state,
a soluble SASP channel and (women) the OpenBoneMin menopause curve.  Time t in days from age 25.
See SPEC.md for the equations written out; this file is the executable reference the C# port is checked against.

Usage:  /usr/bin/python3 aging.py all [outdir]   reference CSVs, attribution, calibration tables, checks (~50 s)
        /usr/bin/python3 aging.py quick          all calibration/check quantities of the frozen defaults
        /usr/bin/python3 aging.py calibrate [x0] re-run the calibration fit (x0 = comma-separated start of FREE)
        /usr/bin/python3 aging.py spec-tables    parameter table in Markdown (pasted into SPEC.md)
"""
from __future__ import annotations

import csv
import itertools
import math
import sys
import time
from dataclasses import dataclass, replace
from math import factorial

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve, least_squares

DAYS_PER_YEAR = 365.25  # day/year: converts the age clock (years) to model time (days)
AGE0 = 25.0  # year: age at t = 0


# ---------------------------------------------------------------------------------------------------------------------
# Parameter table: every parameter with value, unit, description, source, bounds, scale and owning module.
# ---------------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Param:
    name: str
    value: float
    unit: str
    description: str
    source: str
    lower: float
    upper: float
    scale: str  # 'linear' or 'log'
    module: str


SCH = "Scheiner 2013 set, full precision as in cmodiz/Bone-Models parameters/scheiner_parameters.py (model-reference 2.6)"
PIV = "Pivonka 2008 (unchanged in Scheiner 2013), model-reference 2.3"

PARAMETERS: list[Param] = [
    # --- base: Scheiner 2013 cell model (identical in both compartments) ---------------------------------------------
    Param("D_OBu", 7.0e-4, "pM/day", "supply of osteoblast precursors from uncommitted progenitors (max, TGFb-activated)", PIV, 1e-5, 1e-2, "log", "base"),
    Param("D_OBp", 0.165696312976030, "1/day", "differentiation rate OBp -> OBa", SCH, 1e-3, 10, "log", "base"),
    Param("A_OBa", 0.211072625806496, "1/day", "apoptosis/transition rate of active osteoblasts", SCH, 1e-3, 10, "log", "base"),
    Param("D_OCp", 2.1e-3, "pM/day", "osteoclast formation from precursors (max, RANKL-activated)", PIV, 1e-5, 1e-1, "log", "base"),
    Param("A_OCa", 5.64874468409633, "1/day", "apoptosis rate of active osteoclasts (max, TGFb-activated)", SCH, 1e-2, 100, "log", "base"),
    Param("K_D1_TGFb", 5.63278809675429e-4, "pM", "TGFb activation constant of OBu differentiation", SCH, 1e-6, 1e-1, "log", "base"),
    Param("K_D2_TGFb", 1.75426051821094e-4, "pM", "TGFb repression constant of OBp differentiation", SCH, 1e-6, 1e-1, "log", "base"),
    Param("K_D3_TGFb", 5.63278809675429e-4, "pM", "TGFb activation constant of OCa apoptosis", SCH, 1e-6, 1e-1, "log", "base"),
    Param("K_act_PTH", 150.0, "pM", "PTH activation constant of RANKL expression", PIV, 1, 1e4, "log", "base"),
    Param("K_rep_PTH", 0.222581427709954, "pM", "PTH repression constant of OPG expression", SCH, 1e-3, 1e2, "log", "base"),
    Param("beta_PTH", 250.0, "pM/day", "endogenous PTH production", PIV, 1, 1e4, "log", "base"),
    Param("D_PTH", 86.0, "1/day", "PTH degradation", PIV, 1, 1e3, "log", "base"),
    Param("beta_OPG", 1.624900337835679e8, "1/day", "OPG production per active osteoblast ((pM/day)/pM)", SCH, 1e6, 1e10, "log", "base"),
    Param("OPG_max", 2.0e8, "pM", "maximal OPG concentration", PIV, 1e6, 1e10, "log", "base"),
    Param("D_OPG", 0.35, "1/day", "OPG degradation", PIV, 1e-2, 10, "log", "base"),
    Param("R_RANKL", 2.703476379131062e6, "dimensionless", "max RANKL per precursor osteoblast (pM/pM, carrying capacity)", SCH, 1e4, 1e8, "log", "base"),
    Param("beta_RANKL", 1.684195714712206e2, "pM/day", "intrinsic RANKL production (code value; paper prints 1.684e4)", SCH, 1, 1e5, "log", "base"),
    Param("D_RANKL", 1.0132471014805027e1, "1/day", "RANKL degradation", SCH, 1e-1, 1e3, "log", "base"),
    Param("K_A1", 1.0e-3, "1/pM", "RANKL-OPG association constant", PIV, 1e-5, 1e-1, "log", "base"),
    Param("K_A2", 3.411764705882353e-2, "1/pM", "RANKL-RANK association constant", SCH, 1e-4, 1, "log", "base"),
    Param("RANK", 10.0, "pM", "fixed RANK concentration", PIV, 1e-1, 1e3, "log", "base"),
    Param("K_D_RANKL_RANK", 5.67971833061048, "pM", "half-activation of OC formation w.r.t. the RANKL-RANK complex", SCH, 1e-2, 1e3, "log", "base"),
    Param("alpha_TGFb", 1.0, "dimensionless", "TGFb released per resorbing osteoclast (lumped alpha*k_res/D_TGFb)", PIV, 0.1, 10, "log", "base"),
    Param("D_TGFb", 1.0, "1/day", "TGFb degradation (only scales the external input P_TGFb)", PIV, 0.1, 10, "log", "base"),
    Param("P_PTH", 0.0, "pM/day", "external PTH production (input, default 0)", "scheiner2013 input", 0, 1e5, "linear", "input"),
    Param("P_OPG", 0.0, "pM/day", "external OPG production (input, default 0)", "scheiner2013 input", 0, 1e7, "linear", "input"),
    Param("P_RANKL", 0.0, "pM/day", "external RANKL production (input, default 0)", "scheiner2013 input", 0, 1e6, "linear", "input"),
    Param("P_TGFb", 0.0, "pM/day", "external TGFb production (input, default 0)", "scheiner2013 input", 0, 1e-1, "linear", "input"),
    Param("k_form", 40.0, "%/(pM*day)", "bone formation per active osteoblast (trabecular)", SCH, 1, 1e3, "log", "base"),
    Param("k_res", 200.0, "%/(pM*day)", "bone resorption per active osteoclast (trabecular)", SCH, 1, 1e4, "log", "base"),
    # --- compartments ------------------------------------------------------------------------------------------------
    Param("vb_tb0", 20.0, "%", "trabecular bone volume fraction at age 25 (peak)", "model-reference 7.4 [MEMORY]: young trabecular BV/TV 20-25 %; notes: ~20 %", 10, 35, "linear", "base"),
    Param("vb_ct0", 95.0, "%", "cortical bone volume fraction at age 25 (porosity 5 %)", "Scheiner 2013 cortical value (model-reference 2.6)", 85, 98, "linear", "base"),
    Param("ct_turnover_scale", 0.39014373716632444, "dimensionless", "scale of k_form, k_res in the cortical block: relative cortical turnover 3 %/yr",
          "derived: 0.03/yr * 95 % / (0.02 %/day * 365.25 day/yr); cortical turnover ~3 %/yr (model-reference 7.4 [MEMORY])", 0.1, 1, "log", "base"),
    # --- closure (mechanostat on the osteogenic supply) ---------------------------------------------------------------
    Param("lambda_mech_tb", 0.3095, "dimensionless", "mechanostat gain, trabecular: osteogenic supply x [1 + lambda((vb0/vb)^m - 1)]",
          "calibrated (SWAN deceleration after FMP+2, T-scores at 70/80); cf. Scheiner 2013 slope 1.25", 0, 0.95, "linear", "closure"),
    Param("lambda_mech_ct", 0.2228, "dimensionless", "mechanostat gain, cortical (same form as trabecular)", "calibrated (post-FMP rate, T-scores at 70/80)", 0, 0.95, "linear", "closure"),
    Param("m_mech", 2.0, "dimensionless", "exponent of the strain-energy stimulus (vb0/vb)^m (apparent SED with E ~ vb^2)", "model-reference 10.1", 1, 4, "linear", "closure"),
    # --- senescence (Karin 2019 saturating removal, human parameters) -------------------------------------------------
    Param("eta_sen", 1.35e-3, "1/(day*year)", "increase of senescent-cell production with age", "Karin 2019 Fig. 4d caption (human mortality fit)", 1e-4, 1e-2, "log", "senescence"),
    Param("beta_sen", 0.15, "1/day", "maximal removal rate of senescent cells", "Karin 2019 Fig. 4d caption", 1e-2, 1, "log", "senescence"),
    Param("kappa_sen", 0.5, "dimensionless", "half-saturation of removal (Karin units)", "Karin 2019 Fig. 4d caption", 0.05, 5, "log", "senescence"),
    Param("eps_sen", 0.0, "1/day", "noise amplitude epsilon of the SR model (0 = deterministic; Karin human value 0.142)", "Karin 2019 Fig. 4d caption (0.142); default 0 for the deterministic mean model", 0, 0.5, "linear", "senescence"),
    Param("f_sen25", 0.007, "dimensionless", "senescent fraction of marrow EV-secreting cells at age 25",
          "model-reference 10.2/10.8 (f_S,30 0.005-0.03); 0.007 gives f_S(80) = 0.059 and keeps the marrow EV number within Davis 2017", 0.001, 0.05, "log", "senescence"),
    # --- soluble SASP --------------------------------------------------------------------------------------------------
    Param("sasp_oc_max", 0.3855, "dimensionless", "max fractional increase of OC formation D_OCp by soluble SASP (non-vesicle)",
          "calibrated (men 30->75 loss, with the resorptive split prior); Farr 2017 qualitative", 0, 3, "linear", "sasp"),
    Param("K_half", 2.0, "dimensionless", "half-saturation of every cargo/SASP coupling H(x) = (x - 1)/(x + K_half); effect half-maximal at x = 2 + K_half",
          "model-reference 10.4/10.8 (Hill K = 2, n = 1, rescaled to unit maximum)", 0.5, 10, "log", "vesicles"),
    # --- vesicles --------------------------------------------------------------------------------------------------------
    Param("phi_sen", 4.0, "dimensionless", "small EVs released per senescent cell relative to a non-senescent cell", "Terlecki-Zaniewicz 2018 [PAPER]", 1, 8, "linear", "vesicles"),
    Param("k_ev", 5.0, "1/day", "marrow EV uptake/clearance rate", "model-reference 10.3/10.8 [PROPOSAL] (1-20 /day, unknown)", 0.5, 50, "log", "vesicles"),
    Param("w_r", 0.1, "dimensionless", "share of marrow EVs released by resorption of matrix (AB-EVs) at age 25", "model-reference 10.3 [PROPOSAL]; Wang 2022 qualitative", 0.02, 0.5, "linear", "vesicles"),
    Param("g_rankl_ev", 0.3, "dimensionless", "slope of RANKL cargo per cellular EV with senescent burden s", "chosen: cargo loads rise several-fold 30->80 (Davis 2017; notes)", 0, 2, "linear", "vesicles"),
    Param("g_mirna_ob", 0.3, "dimensionless", "slope of osteo-inhibitory miRNA (miR-183/-34a/-31a) cargo per cellular EV with s", "chosen as g_rankl_ev (no separate data)", 0, 2, "linear", "vesicles"),
    Param("g_mirna_mat", 0.3, "dimensionless", "slope of adipogenic miRNA (miR-483-5p/-2861) cargo per matrix EV with s", "chosen as g_rankl_ev (no separate data); Wang 2022", 0, 2, "linear", "vesicles"),
    Param("P_rankl_ev_max", 113.4, "pM/day", "maximal extra RANKL production carried by RANKL+ EVs (saturating in the load)",
          "calibrated (men 30->75 loss, with the resorptive split prior)", 0, 2000, "linear", "vesicles"),
    Param("theta_ob", 0.2047, "dimensionless", "maximal fractional inhibition of osteoblast supply D_OBu and differentiation D_OBp by EV miRNAs",
          "calibrated (men 30->75 loss with the turnover prior)", 0, 0.9, "linear", "vesicles"),
    Param("ev_plasma0", 1.0e10, "vesicles/mL", "plasma EV concentration at age 25", "Johnsen 2019 [PAPER] (~1e10/mL)", 1e9, 1e11, "log", "vesicles"),
    Param("x_bone_plasma", 0.2, "dimensionless", "share of plasma EVs that originate from the bone marrow pool", "[PROPOSAL], no data", 0, 1, "linear", "vesicles"),
    # --- marrow fate -----------------------------------------------------------------------------------------------------
    Param("theta_ad0", 0.02, "dimensionless", "adipogenic share of committed progenitor flux at age 25", "[PROPOSAL] small baseline share (notes)", 0.005, 0.1, "log", "marrow_fate"),
    Param("dtheta_ad_max", 0.04561, "dimensionless", "maximal increase of the adipogenic share by aged-matrix EV miRNAs", "calibrated (marrow fat x2 from 30 to 70, women)", 0, 0.5, "linear", "marrow_fate"),
    Param("k_ad", 4.106776180698152e-4, "1/day", "marrow adipocyte turnover (0.15 /yr)", "model-reference 10.4 [MEMORY] 0.1-0.2 /yr", 5e-5, 5e-3, "log", "marrow_fate"),
    Param("fat_frac25", 0.3, "dimensionless", "marrow fat fraction at age 25", "model-reference 7.4 [MEMORY] vertebral MRS ~30-40 % young", 0.1, 0.6, "linear", "marrow_fate"),
    # --- estrogen (female only) ---------------------------------------------------------------------------------------
    Param("age_fmp", 51.0, "year", "age at the final menstrual period", "OpenBoneMin ageDONE (model-reference 4.5); SWAN", 45, 56, "linear", "estrogen"),
    Param("meno_dur", 1.66, "year", "duration of the menopausal estrogen decline (onset = age_fmp - meno_dur)", "OpenBoneMin menoDUR", 0.5, 4, "linear", "estrogen"),
    Param("est_drop", 0.64, "dimensionless", "final fractional fall of estrogen (EST -> 1 - est_drop)", "OpenBoneMin age50", 0.3, 0.9, "linear", "estrogen"),
    Param("k_est_rankl", 1009.0, "pM/day", "extra RANKL production per unit estrogen deficit (1 - EST)", "calibrated (SWAN FN -5.8 % FMP-1 -> FMP+2)", 0, 1e4, "linear", "estrogen"),
    # --- readouts --------------------------------------------------------------------------------------------------------
    Param("w_tb_fn", 0.3, "dimensionless", "trabecular share of femoral-neck BMD", "model-reference 10.6 [MEMORY] 0.25-0.35; notes cortical share 0.7-0.75", 0.15, 0.5, "linear", "readout"),
    Param("bmd_peak_female", 0.858, "g/cm^2", "femoral-neck BMD at age 25, women (= NHANES III young NHW women mean)", "NHANES III, Looker 1998 [MEMORY per model-reference 7.1]", 0.6, 1.2, "linear", "readout"),
    Param("bmd_peak_male", 0.9428280123583933, "g/cm^2", "femoral-neck BMD at age 25, men",
          "derived: 0.858 x (hip men 1.067 / hip women 0.971, NHANES 21-30, model-reference 7.2)", 0.6, 1.3, "linear", "readout"),
    Param("bmd_ref_mean", 0.858, "g/cm^2", "T-score reference mean (NHANES III white women 20-29, femoral neck; used for both sexes per WHO/ISCD)", "Looker 1998 [MEMORY per model-reference 7.1]", 0.6, 1.2, "linear", "readout"),
    Param("bmd_ref_sd", 0.120, "g/cm^2", "T-score reference SD", "Looker 1998 [MEMORY per model-reference 7.1]", 0.05, 0.3, "linear", "readout"),
]

P0: dict[str, float] = {p.name: p.value for p in PARAMETERS}
PARAM_BY_NAME = {p.name: p for p in PARAMETERS}

MODULES = ("closure", "senescence", "vesicles", "marrow_fate", "sasp", "estrogen")
ALL_ON = frozenset(MODULES)

STATE_NAMES = ["OBp", "OBa", "OCa", "vb", "OBp_ct", "OBa_ct", "OCa_ct", "vb_ct", "S", "E_cell", "E_mat", "A_fat"]
STATE_UNITS = ["pM", "pM", "pM", "%", "pM", "pM", "pM", "%", "dimensionless", "dimensionless", "dimensionless", "dimensionless"]
OBS_NAMES = ["bmd_fn", "t_score_fn", "bv_tb", "bv_ct", "senescent_burden", "f_sen", "ev_marrow", "ev_plasma", "rankl_ev",
             "mirna_ob", "mirna_adipo", "marrow_fat", "theta_ad", "formation", "resorption", "formation_ct", "resorption_ct",
             "RANKL", "OPG", "TGFb", "RANKL_ct", "OPG_ct", "EST", "P_RANKL_est", "P_RANKL_ev", "sasp_factor", "mirna_factor",
             "mech_tb", "mech_ct", "s_rel25"]

# Scheiner steady state of the defaults (exact to ~1e-15 relative with the full-precision values); used as the Newton guess
OBP0, OBA0, OCA0 = 1.0e-3, 5.0e-4, 1.0e-4
NEUTRAL_DRIVERS = dict(P_est=0.0, P_ev=0.0, u_mir=1.0, u_dif=1.0, u_sasp=1.0, u_ad=1.0)


def hsat(x: float, k: float) -> float:
    """Normalised saturating effect: 0 at x = 1, -> 1 for x -> inf, (x - 1)/(x + k)."""
    return (x - 1.0) / (x + k)


def karin_xstar(p: dict, age: float) -> float:
    """Quasi-steady senescent burden X*(a) = kappa*eta*a/(beta - eta*a) (Karin units)."""
    return p["kappa_sen"] * p["eta_sen"] * age / (p["beta_sen"] - p["eta_sen"] * age)


def estrogen(p: dict, age: float) -> float:
    """OpenBoneMin menopause bracket (premenopausal ageGAM decline omitted, see SPEC deviations)."""
    onset = p["age_fmp"] - p["meno_dur"]
    if age <= onset:
        return 1.0
    d = age - onset
    half = 0.5 * p["meno_dur"]
    return 1.0 - p["est_drop"] * d * d / (half * half + d * d)


@dataclass(frozen=True)
class Config:
    sex: str = "female"
    modules: frozenset = ALL_ON
    params: tuple = ()  # overrides as ((name, value), ...)

    def p(self) -> dict:
        d = dict(P0)
        for k, v in self.params:
            if k not in d:
                raise KeyError(f"unknown parameter '{k}'")
            d[k] = v
        return d

    def with_params(self, **kw) -> "Config":
        d = dict(self.params)
        d.update(kw)
        return replace(self, params=tuple(sorted(d.items())))

    def without(self, *mods) -> "Config":
        return replace(self, modules=frozenset(self.modules - set(mods)))


class Model:
    """Right-hand side and observables for one configuration."""

    def __init__(self, cfg: Config):
        if cfg.sex not in ("female", "male"):
            raise ValueError(f"sex must be 'female' or 'male', got '{cfg.sex}'")
        bad = set(cfg.modules) - set(MODULES)
        if bad:
            raise ValueError(f"unknown modules {sorted(bad)}")
        self.cfg = cfg
        p = cfg.p()
        self.p = p
        m = cfg.modules
        self.on_closure = "closure" in m
        self.on_sen = "senescence" in m
        self.on_ev = "vesicles" in m
        self.on_fate = "marrow_fate" in m
        self.on_sasp = "sasp" in m
        self.on_est = ("estrogen" in m) and cfg.sex == "female"
        # derived constants
        self.S25 = karin_xstar(p, AGE0)
        self.S30 = karin_xstar(p, 30.0)
        self.pth = (p["beta_PTH"] + p["P_PTH"]) / p["D_PTH"]
        self.pi_act_pth = self.pth / (self.pth + p["K_act_PTH"])
        self.pi_rep_pth = p["K_rep_PTH"] / (self.pth + p["K_rep_PTH"])
        self.ss = self.base_steady_state()
        tgf0 = p["alpha_TGFb"] * self.ss[2] + p["P_TGFb"] / p["D_TGFb"]
        self.F0 = p["D_OBu"] * tgf0 / (tgf0 + p["K_D1_TGFb"])  # age-25 committed progenitor flux
        self.Jres0 = p["k_res"] * self.ss[2]
        f = p["f_sen25"]
        self.ev_norm = 1.0 - f + p["phi_sen"] * f
        self.bmd_peak = p["bmd_peak_female"] if cfg.sex == "female" else p["bmd_peak_male"]

    def base_steady_state(self) -> np.ndarray:
        """Root (OBp, OBa, OCa) of one scheiner2013 block with all module factors neutral (closure inert at vb = vb0).

        Recomputed whenever parameters change; with the default parameters it is (1e-3, 5e-4, 1e-4) pM to ~1e-15."""
        scale = np.array([OBP0, OBA0, OCA0])
        vb0 = self.p["vb_tb0"]

        def f(x):
            (d1, d2, d3, _), _ = self.block(*(x * scale), vb0, vb0, 0.0, 1.0, NEUTRAL_DRIVERS)
            return np.array([d1, d2, d3]) / (scale * 0.1)

        x, info, ier, msg = fsolve(f, np.ones(3), xtol=1e-15, full_output=True)
        if ier != 1 and np.max(np.abs(f(x))) > 1e-12:
            raise RuntimeError(f"base steady state not found: {msg}")
        return x * scale

    def y0(self) -> np.ndarray:
        p = self.p
        ob_p, ob_a, oc_a = self.ss
        return np.array([ob_p, ob_a, oc_a, p["vb_tb0"], ob_p, ob_a, oc_a, p["vb_ct0"], self.S25, 1.0, 1.0, 1.0])

    # -- shared drivers -------------------------------------------------------------------------------------------------
    def drivers(self, t: float, y) -> dict:
        p = self.p
        age = AGE0 + t / DAYS_PER_YEAR
        S, Ec, Er, A = y[8], y[9], y[10], y[11]
        s = S / self.S25 if self.on_sen else 1.0
        f25 = p["f_sen25"]
        f_sen = f25 * s / (1.0 - f25 + f25 * s)
        q_cell = (1.0 - f25 + p["phi_sen"] * f25 * s) / self.ev_norm  # cellular EV release relative to 25
        if self.on_ev:
            rankl_ev = Ec * (1.0 + p["g_rankl_ev"] * (s - 1.0))
            mirna_ob = Ec * (1.0 + p["g_mirna_ob"] * (s - 1.0))
            mirna_adipo = Er * (1.0 + p["g_mirna_mat"] * (s - 1.0))
            ev_marrow = (1.0 - p["w_r"]) * Ec + p["w_r"] * Er
            ev_plasma = p["ev_plasma0"] * (p["x_bone_plasma"] * ev_marrow + (1.0 - p["x_bone_plasma"]) * q_cell)
            P_ev = p["P_rankl_ev_max"] * hsat(rankl_ev, p["K_half"])
            h_mir = hsat(mirna_ob, p["K_half"])
            u_mir = 1.0 - p["theta_ob"] * h_mir
            u_dif = u_mir
        else:
            rankl_ev = mirna_ob = mirna_adipo = ev_marrow = 1.0
            ev_plasma = p["ev_plasma0"]
            P_ev = 0.0
            u_mir = u_dif = 1.0
        est = estrogen(p, age) if self.on_est else 1.0
        P_est = p["k_est_rankl"] * (1.0 - est) if self.on_est else 0.0
        u_sasp = 1.0 + p["sasp_oc_max"] * hsat(s, p["K_half"]) if self.on_sasp else 1.0
        if self.on_fate:
            theta_ad = p["theta_ad0"] + p["dtheta_ad_max"] * hsat(mirna_adipo, p["K_half"])
        else:
            theta_ad = p["theta_ad0"]
        u_ad = (1.0 - theta_ad) / (1.0 - p["theta_ad0"])
        return dict(age=age, s=s, f_sen=f_sen, q_cell=q_cell, rankl_ev=rankl_ev, mirna_ob=mirna_ob,
                    mirna_adipo=mirna_adipo, ev_marrow=ev_marrow, ev_plasma=ev_plasma, P_ev=P_ev, u_mir=u_mir, u_dif=u_dif,
                    est=est, P_est=P_est, u_sasp=u_sasp, theta_ad=theta_ad, u_ad=u_ad)

    # -- one Scheiner cell block ----------------------------------------------------------------------------------------
    def block(self, OBp, OBa, OCa, vb, vb0, lam, kscale, dr):
        p = self.p
        tgfb = p["alpha_TGFb"] * OCa + p["P_TGFb"] / p["D_TGFb"]
        pi_u = tgfb / (tgfb + p["K_D1_TGFb"])
        pi_p = p["K_D2_TGFb"] / (tgfb + p["K_D2_TGFb"])
        pi_c = tgfb / (tgfb + p["K_D3_TGFb"])
        p_opg = p["beta_OPG"] * OBa * self.pi_rep_pth
        opg = (p_opg + p["P_OPG"]) * p["OPG_max"] / (p_opg + p["D_OPG"] * p["OPG_max"])
        rankl_eff = p["R_RANKL"] * OBp * self.pi_act_pth
        P_rankl = p["P_RANKL"] + dr["P_est"] + dr["P_ev"]
        rankl = rankl_eff / (1.0 + p["K_A1"] * opg + p["K_A2"] * p["RANK"]) * (p["beta_RANKL"] + P_rankl) / (
            p["beta_RANKL"] + p["D_RANKL"] * rankl_eff)
        rr = p["K_A2"] * rankl * p["RANK"]
        pi_l = rr / (rr + p["K_D_RANKL_RANK"])
        mech = 1.0 + lam * ((vb0 / vb) ** p["m_mech"] - 1.0) if self.on_closure else 1.0
        supply = p["D_OBu"] * pi_u * mech * dr["u_mir"] * dr["u_ad"]
        diff = p["D_OBp"] * dr["u_dif"] * OBp * pi_p
        dOBp = supply - diff
        dOBa = diff - p["A_OBa"] * OBa
        dOCa = p["D_OCp"] * dr["u_sasp"] * pi_l - p["A_OCa"] * OCa * pi_c
        form = kscale * p["k_form"] * OBa
        res = kscale * p["k_res"] * OCa
        return (dOBp, dOBa, dOCa, form - res), dict(tgfb=tgfb, opg=opg, rankl=rankl, form=form, res=res, mech=mech,
                                                     F=p["D_OBu"] * pi_u)

    def rhs(self, t, y):
        p = self.p
        dr = self.drivers(t, y)
        d_tb, aux_tb = self.block(y[0], y[1], y[2], y[3], p["vb_tb0"], p["lambda_mech_tb"], 1.0, dr)
        d_ct, _ = self.block(y[4], y[5], y[6], y[7], p["vb_ct0"], p["lambda_mech_ct"], p["ct_turnover_scale"], dr)
        S = y[8]
        dS = (p["eta_sen"] * dr["age"] - p["beta_sen"] * S / (p["kappa_sen"] + S)) if self.on_sen else 0.0
        if self.on_ev:
            dEc = p["k_ev"] * (dr["q_cell"] - y[9])
            dEr = p["k_ev"] * (aux_tb["res"] / self.Jres0 - y[10])
        else:
            dEc = dEr = 0.0
        if self.on_fate:
            dA = p["k_ad"] * (dr["theta_ad"] * aux_tb["F"] / (p["theta_ad0"] * self.F0) - y[11])
        else:
            dA = 0.0
        return [*d_tb, *d_ct, dS, dEc, dEr, dA]

    def observables(self, t, y) -> dict:
        p = self.p
        dr = self.drivers(t, y)
        _, a_tb = self.block(y[0], y[1], y[2], y[3], p["vb_tb0"], p["lambda_mech_tb"], 1.0, dr)
        _, a_ct = self.block(y[4], y[5], y[6], y[7], p["vb_ct0"], p["lambda_mech_ct"], p["ct_turnover_scale"], dr)
        bmd = self.bmd_peak * (p["w_tb_fn"] * y[3] / p["vb_tb0"] + (1.0 - p["w_tb_fn"]) * y[7] / p["vb_ct0"])
        ff = p["fat_frac25"]
        return dict(
            bmd_fn=bmd, t_score_fn=(bmd - p["bmd_ref_mean"]) / p["bmd_ref_sd"], bv_tb=y[3], bv_ct=y[7],
            senescent_burden=y[8] / self.S30, f_sen=dr["f_sen"], ev_marrow=dr["ev_marrow"], ev_plasma=dr["ev_plasma"],
            rankl_ev=dr["rankl_ev"], mirna_ob=dr["mirna_ob"], mirna_adipo=dr["mirna_adipo"],
            marrow_fat=ff * y[11] / (ff * y[11] + 1.0 - ff), theta_ad=dr["theta_ad"],
            formation=a_tb["form"], resorption=a_tb["res"], formation_ct=a_ct["form"], resorption_ct=a_ct["res"],
            RANKL=a_tb["rankl"], OPG=a_tb["opg"], TGFb=a_tb["tgfb"], RANKL_ct=a_ct["rankl"], OPG_ct=a_ct["opg"],
            EST=dr["est"], P_RANKL_est=dr["P_est"], P_RANKL_ev=dr["P_ev"], sasp_factor=dr["u_sasp"],
            mirna_factor=dr["u_mir"], mech_tb=a_tb["mech"], mech_ct=a_ct["mech"], s_rel25=dr["s"])


# ---------------------------------------------------------------------------------------------------------------------
# Simulation
# ---------------------------------------------------------------------------------------------------------------------
RTOL = 1e-10
ATOL = np.array([1e-15, 1e-15, 1e-16, 1e-11, 1e-15, 1e-15, 1e-16, 1e-11, 1e-12, 1e-12, 1e-12, 1e-12])


def ages_to_t(ages) -> np.ndarray:
    return (np.asarray(ages, dtype=float) - AGE0) * DAYS_PER_YEAR


@dataclass
class Result:
    cfg: Config
    t: np.ndarray
    y: np.ndarray  # (n_states, n_t)
    obs: dict

    def col(self, name: str) -> np.ndarray:
        if name == "t":
            return self.t
        if name == "age":
            return AGE0 + self.t / DAYS_PER_YEAR
        if name in STATE_NAMES:
            return self.y[STATE_NAMES.index(name)]
        return self.obs[name]

    def at_age(self, name: str, age: float) -> float:
        i = int(np.argmin(np.abs(self.col("age") - age)))
        if abs(self.col("age")[i] - age) > 1e-9:
            raise ValueError(f"age {age} not on the output grid")
        return float(self.col(name)[i])


def simulate(cfg: Config, ages=None, rtol=RTOL, atol=None, y0=None, t0=0.0, method="LSODA", extra_t=None) -> Result:
    model = Model(cfg)
    if ages is None:
        ages = np.arange(25, 91, 1.0)
    t_eval = ages_to_t(ages) if extra_t is None else np.asarray(extra_t, dtype=float)
    t_end = float(t_eval[-1])
    y_init = model.y0() if y0 is None else np.asarray(y0, dtype=float)
    sol = solve_ivp(model.rhs, (t0, t_end), y_init, method=method, t_eval=t_eval, rtol=rtol,
                    atol=ATOL if atol is None else atol)
    if not sol.success:
        raise RuntimeError(f"integration failed: {sol.message}")
    if sol.t.size and sol.t[0] == t0:
        sol.y[:, 0] = y_init  # report the initial state exactly (LSODA interpolates the first output point)
    obs = {k: np.empty(sol.t.size) for k in OBS_NAMES}
    for j in range(sol.t.size):
        o = model.observables(sol.t[j], sol.y[:, j])
        for k in OBS_NAMES:
            obs[k][j] = o[k]
    return Result(cfg, sol.t, sol.y, obs)


# ---------------------------------------------------------------------------------------------------------------------
# Senolytic protocol (Farr 2024 validation): S -> (1 - f_kill) S at the start of each 28-day cycle (2 dosing days lumped)
# ---------------------------------------------------------------------------------------------------------------------
def senolytic_response(cfg: Config, age_start=71.0, f_kill=0.4, cycles=5, period=28.0, probe_days=(14, 28, 140),
                       rtol=1e-9):
    """Return relative changes (treated/control - 1) of formation and resorption fluxes at the probe days."""
    model = Model(cfg)
    t_start = (age_start - AGE0) * DAYS_PER_YEAR
    base = solve_ivp(model.rhs, (0, t_start), model.y0(), method="LSODA", rtol=rtol, atol=ATOL)
    y_start = base.y[:, -1]
    t_end = t_start + max(probe_days) + 1e-9
    probes = t_start + np.asarray(probe_days, dtype=float)

    def run(treated: bool):
        y = y_start.copy()
        t = t_start
        out = {}
        dose_times = [t_start + k * period for k in range(cycles)] if treated else []
        segments = sorted(set([t_start] + [d for d in dose_times if d < t_end] + [t_end]))
        for a, b in zip(segments[:-1], segments[1:]):
            if treated and a in dose_times:
                y[8] *= (1.0 - f_kill)
            pts = [x for x in probes if a < x <= b + 1e-9]
            sol = solve_ivp(model.rhs, (a, b), y, method="LSODA", rtol=rtol, atol=ATOL, dense_output=True)
            for x in pts:
                yy = sol.sol(min(x, b))
                o = model.observables(x, yy)
                out[x] = (o["formation"], o["resorption"], o["senescent_burden"])
            y = sol.y[:, -1]
            t = b
        return out

    ctl, trt = run(False), run(True)
    res = {}
    for d, x in zip(probe_days, probes):
        res[d] = dict(p1np=trt[x][0] / ctl[x][0] - 1.0, ctx=trt[x][1] / ctl[x][1] - 1.0,
                      burden_treated=trt[x][2], burden_control=ctl[x][2])
    return res


# ---------------------------------------------------------------------------------------------------------------------
# Calibration targets and checks
# ---------------------------------------------------------------------------------------------------------------------
def target_values(params: dict | None = None, rtol=1e-9) -> dict:
    """Compute every calibration/check quantity for the given parameter overrides (half-year output grid)."""
    ov = tuple(sorted((params or {}).items()))
    ages = np.round(np.arange(25, 90.0001, 0.5), 10)
    f = simulate(Config("female", ALL_ON, ov), ages=ages, rtol=rtol)
    m = simulate(Config("male", ALL_ON, ov), ages=ages, rtol=rtol)
    bf, bm = f.col("bmd_fn"), m.col("bmd_fn")
    r = {}
    r["swan_fn_loss_pct"] = 100 * (f.at_age("bmd_fn", 53) / f.at_age("bmd_fn", 50) - 1)
    r["post_fmp_rate_pct_per_yr"] = 100 * (f.at_age("bmd_fn", 56) / f.at_age("bmd_fn", 53) - 1) / 3
    r["swan_10y_fn_loss_pct"] = 100 * (f.at_age("bmd_fn", 56) / f.at_age("bmd_fn", 46) - 1)
    r["t_score_70_f"] = f.at_age("t_score_fn", 70)
    r["t_score_80_f"] = f.at_age("t_score_fn", 80)
    r["male_loss_30_75_pct"] = 100 * (1 - m.at_age("bmd_fn", 75) / m.at_age("bmd_fn", 30))
    r["peak_age_f"] = float(f.col("age")[np.argmax(bf)])
    r["peak_age_m"] = float(m.col("age")[np.argmax(bm)])
    for sex, res in (("f", f), ("m", m)):
        r[f"fat_ratio_30_70_{sex}"] = res.at_age("marrow_fat", 70) / res.at_age("marrow_fat", 30)
        r[f"ev_ratio_30_80_{sex}"] = res.at_age("ev_marrow", 80) / res.at_age("ev_marrow", 30)
        r[f"ev_plasma_ratio_30_80_{sex}"] = res.at_age("ev_plasma", 80) / res.at_age("ev_plasma", 30)
        for c in ("rankl_ev", "mirna_ob", "mirna_adipo"):
            r[f"{c}_ratio_30_80_{sex}"] = res.at_age(c, 80) / res.at_age(c, 30)
        for a in (50, 70, 80):
            r[f"burden_{a}_{sex}"] = res.at_age("senescent_burden", a)
        form30, res30 = res.at_age("formation", 30), res.at_age("resorption", 30)
        r[f"max_resorption_rel30_{sex}"] = float(np.max(res.col("resorption")) / res30)
        r[f"max_formation_rel30_{sex}"] = float(np.max(res.col("formation")) / form30)
        r[f"min_formation_rel30_{sex}"] = float(np.min(res.col("formation")) / form30)
        for a in (55, 70, 75, 80):
            r[f"resorption_rel30_{a}_{sex}"] = res.at_age("resorption", a) / res30
            r[f"formation_rel30_{a}_{sex}"] = res.at_age("formation", a) / form30
        r[f"min_bv_tb_{sex}"] = float(np.min(res.col("bv_tb")))
        r[f"min_bv_ct_{sex}"] = float(np.min(res.col("bv_ct")))
        r[f"min_state_{sex}"] = float(np.min(res.y))
    r["_female"] = f
    r["_male"] = m
    return r


# ---------------------------------------------------------------------------------------------------------------------
# Mechanism attribution
# ---------------------------------------------------------------------------------------------------------------------
# Each mechanism is one switch on top of the full model; closure, senescence clock and EV pools always stay on, so the
# cargo loads and burden readouts are identical in every attribution run and only the coupling into bone differs.
MECHANISMS = {
    "estrogen": dict(modules=("estrogen",), params={}),  # EST(t) == 1 (women only)
    "soluble_sasp": dict(modules=("sasp",), params={}),  # sasp factor == 1
    "rankl_ev": dict(modules=(), params={"P_rankl_ev_max": 0.0}),  # no EV-borne RANKL production
    "mirna_ob": dict(modules=(), params={"theta_ob": 0.0}),  # no miRNA inhibition of OB supply/differentiation
    "matrix_fat": dict(modules=("marrow_fate",), params={}),  # adipogenic share fixed at theta_ad0
}


def mechanism_config(sex: str, active: frozenset, base: Config) -> Config:
    """Configuration with exactly the mechanisms in `active` switched on (others off as defined in MECHANISMS)."""
    mods = set(base.modules)
    pars = dict(base.params)
    for name, sw in MECHANISMS.items():
        if name not in active:
            mods -= set(sw["modules"])
            pars.update(sw["params"])
    return Config(sex, frozenset(mods), tuple(sorted(pars.items())))


def attribution(sex: str, base: Config | None = None, ages=(60, 70, 80), rtol=RTOL):
    """Femoral-neck BMD loss from the peak (age 25), in % of peak, split by mechanism.

    v(T) = 100 (1 - BMD_T(age)/BMD_T(25)) with only the mechanisms in T on; v(empty) = 0 exactly.
    Shapley: phi_i = sum_{T not containing i} |T|!(n-|T|-1)!/n! [v(T+i) - v(T)]  (sums exactly to v(all)).
    One-at-a-time: v(all) - v(all - i)  (loss removed by switching i off alone; does not sum to v(all))."""
    base = base or Config(sex)
    mechs = [k for k in MECHANISMS if not (k == "estrogen" and sex == "male")]
    n = len(mechs)
    grid = np.array([25.0, *ages])
    cache = {}
    for r in range(n + 1):
        for subset in itertools.combinations(mechs, r):
            cfg = mechanism_config(sex, frozenset(subset), replace(base, sex=sex))
            res = simulate(cfg, ages=grid, rtol=rtol)
            b = res.col("bmd_fn")
            cache[frozenset(subset)] = 100.0 * (1.0 - b[1:] / b[0])
    full = cache[frozenset(mechs)]
    shap = {}
    for i in mechs:
        others = [j for j in mechs if j != i]
        val = np.zeros(len(ages))
        for r in range(n):
            w = factorial(r) * factorial(n - r - 1) / factorial(n)
            for sub in itertools.combinations(others, r):
                s0 = frozenset(sub)
                val += w * (cache[s0 | {i}] - cache[s0])
        shap[i] = val
    oat = {i: full - cache[frozenset(mechs) - {i}] for i in mechs}
    alone = {i: cache[frozenset({i})] for i in mechs}
    return dict(ages=list(ages), mechanisms=mechs, total=full, none=cache[frozenset()], shapley=shap,
                one_at_a_time=oat, alone=alone, subsets=cache)


# ---------------------------------------------------------------------------------------------------------------------
# Calibration: 7 free parameters, 8 weighted residuals (6 data targets + 2 stated priors), bounded least squares
# ---------------------------------------------------------------------------------------------------------------------
FREE = ["k_est_rankl", "sasp_oc_max", "P_rankl_ev_max", "theta_ob", "dtheta_ad_max", "lambda_mech_tb", "lambda_mech_ct"]
F_KILL = 0.4  # senescent-cell kill fraction per D+Q cycle (model-reference 10.8 default; not fitted)

# (key, target, weight-scale, kind, description)
CAL_TARGETS = [
    ("swan_fn_loss_pct", -5.8, 0.3, "data", "SWAN FN change FMP-1 -> FMP+2 (age 50 -> 53), % (Greendale 2012)"),
    ("post_fmp_rate_pct_per_yr", -1.05, 0.05, "data", "FN change FMP+2 -> FMP+5 (53 -> 56), %/yr (SWAN: ~1 %/yr)"),
    ("t_score_70_f", -1.6, 0.1, "data", "women FN T-score at 70 (midpoint of [-2.0, -1.2])"),
    ("t_score_80_f", -2.1, 0.1, "data", "women FN T-score at 80 (midpoint of [-2.6, -1.6])"),
    ("male_loss_30_75_pct", 11.5, 0.5, "data", "men FN loss 30 -> 75, % (NHANES hip, model-reference 7.2: 8-15 %)"),
    ("fat_ratio_30_70_f", 2.0, 0.05, "data", "women marrow fat fraction 70/30 (~doubling, model-reference 7.4 [MEMORY])"),
    ("resorption_rel30_75_m", 1.2, 0.02, "prior", "men resorption marker 75/30 (mild rise with age in men [MEMORY])"),
    ("split_ev_rankl", 0.5, 0.02, "prior", "EV share of the senescence-driven OC drive at 70 (EV-RANKL vs soluble SASP, no data)"),
]


def resorptive_split(params: dict) -> float:
    """EV share of the senescence-driven extra osteoclast-formation drive at age 70.

    Evaluated with the age-70 drivers of a male run at the age-25 cell state: increase of D_OCp*sasp*pi_RANKL caused by EV
    RANKL alone, divided by the sum of the increases caused by EV RANKL alone and by the soluble SASP factor alone."""
    cfg = Config("male", ALL_ON, tuple(sorted(params.items())))
    model = Model(cfg)
    t70 = (70 - AGE0) * DAYS_PER_YEAR
    sol = solve_ivp(model.rhs, (0, t70), model.y0(), method="LSODA", rtol=1e-9, atol=ATOL)
    dr = model.drivers(t70, sol.y[:, -1])
    p = model.p

    def drive(P_ev, u):
        d = dict(dr, P_ev=P_ev, P_est=0.0, u_sasp=u)
        (_, _, dOCa, _), _ = model.block(*model.ss, p["vb_tb0"], p["vb_tb0"], 0.0, 1.0, d)
        return dOCa  # removal term identical in all three evaluations, cancels in the differences

    base = drive(0.0, 1.0)
    ev_only = drive(dr["P_ev"], 1.0) - base
    sasp_only = drive(0.0, dr["u_sasp"]) - base
    return ev_only / (ev_only + sasp_only)


def calibration_values(params: dict, rtol=1e-9) -> dict:
    r = target_values(params, rtol=rtol)
    r["split_ev_rankl"] = resorptive_split(params)
    return r


def calibration_residuals(x, verbose=False):
    params = dict(zip(FREE, x))
    r = calibration_values(params)
    res = np.array([(r[k] - tgt) / w for k, tgt, w, _, _ in CAL_TARGETS])
    if verbose:
        print({k: round(v, 6) for k, v in params.items()}, "cost", round(0.5 * float(res @ res), 6), flush=True)
    return res


def calibrate(x0=None):
    x0 = np.array([P0[k] for k in FREE]) if x0 is None else np.asarray(x0, dtype=float)
    lo = np.array([PARAM_BY_NAME[k].lower for k in FREE])
    hi = np.array([PARAM_BY_NAME[k].upper for k in FREE])
    return least_squares(lambda x: calibration_residuals(x, verbose=True), x0, bounds=(lo, hi),
                         x_scale=np.abs(x0) + 1e-3, diff_step=1e-4, xtol=1e-10, ftol=1e-10)


# Acceptance bands of the issue (assertions for the C# tests); value -> (lo, hi)
ACCEPTANCE = [
    ("peak_age_f", 25, 30, "peak FN BMD age, women (y)"),
    ("peak_age_m", 25, 30, "peak FN BMD age, men (y)"),
    ("swan_fn_loss_pct", -7.3, -4.3, "SWAN FN change FMP-1 -> FMP+2 (%), -5.8 +- 1.5"),
    ("post_fmp_rate_pct_per_yr", -1.4, -0.7, "FN rate FMP+2 -> FMP+5 (%/yr), 'about 1 %/yr'"),
    ("t_score_70_f", -2.0, -1.2, "women FN T-score at 70"),
    ("t_score_80_f", -2.6, -1.6, "women FN T-score at 80"),
    ("male_loss_30_75_pct", 8.0, 15.0, "men FN loss 30 -> 75 (%)"),
    ("burden_50_f", 2.2 * 0.95, 2.2 * 1.05, "senescent burden 50/30 (Karin X*, 2.2 +- 5 %)"),
    ("burden_70_f", 4.6 * 0.95, 4.6 * 1.05, "senescent burden 70/30 (4.6 +- 5 %)"),
    ("burden_80_f", 6.9 * 0.95, 6.9 * 1.05, "senescent burden 80/30 (6.9 +- 5 %)"),
    ("ev_ratio_30_80_f", 0.0, 1.30, "marrow EV number 80/30, women (Davis 2017: <= +30 %)"),
    ("ev_ratio_30_80_m", 0.0, 1.30, "marrow EV number 80/30, men (<= +30 %)"),
    ("rankl_ev_ratio_30_80_m", 3.0, np.inf, "RANKL+ EV load 80/30 ('several-fold', >= 3)"),
    ("mirna_ob_ratio_30_80_m", 3.0, np.inf, "osteo-inhibitory miRNA load 80/30 (>= 3)"),
    ("mirna_adipo_ratio_30_80_m", 3.0, np.inf, "aged-matrix miRNA load 80/30 (>= 3)"),
    ("fat_ratio_30_70_f", 1.7, 2.3, "marrow fat 70/30, women ('roughly doubles')"),
    ("fat_ratio_30_70_m", 1.3, 2.3, "marrow fat 70/30, men (slower rise in men [MEMORY])"),
    ("max_resorption_rel30_f", 0.0, 2.2, "max resorption marker / age 30, women (postmenopausal CTX +80-100 % [MEMORY])"),
    ("max_resorption_rel30_m", 0.0, 1.5, "max resorption marker / age 30, men"),
    ("max_formation_rel30_f", 0.0, 2.2, "max formation marker / age 30, women"),
    ("min_formation_rel30_m", 0.7, np.inf, "min formation marker / age 30, men"),
    ("min_state_f", 0.0, np.inf, "all states non-negative, women"),
    ("min_state_m", 0.0, np.inf, "all states non-negative, men"),
    ("min_bv_tb_f", 5.0, np.inf, "trabecular BV/TV stays physiological (> 5 %), women"),
    ("min_bv_ct_f", 60.0, np.inf, "cortical volume fraction stays > 60 %, women"),
]


# ---------------------------------------------------------------------------------------------------------------------
# Structural checks
# ---------------------------------------------------------------------------------------------------------------------
PATHOLOGICAL_GAINS = ["k_est_rankl", "est_drop", "sasp_oc_max", "P_rankl_ev_max", "theta_ob", "dtheta_ad_max", "g_rankl_ev",
                      "g_mirna_ob", "g_mirna_mat", "eta_sen", "phi_sen", "f_sen25"]


def structural_checks() -> list:
    """Returns rows (name, value, criterion, pass)."""
    rows = []
    ages = np.round(np.arange(25, 90.0001, 0.5), 10)
    # 1. initial state is the Scheiner steady state: RHS at t = 0 of the full model
    for sex in ("female", "male"):
        m = Model(Config(sex))
        d = np.abs(np.array(m.rhs(0.0, m.y0())))
        scale = np.array([1e-3, 5e-4, 1e-4, 20, 1e-3, 5e-4, 1e-4, 95, 0.15, 1, 1, 1]) * 0.1  # per-day rates of ~10 %
        rows.append((f"rhs_at_t0_max_rel_{sex}", float(np.max(d / scale)), "< 1e-12 (steady state at 25)",
                     bool(np.max(d / scale) < 1e-12)))
    # 2. all modules off = scheiner2013 base: constant over 65 years
    for sex in ("female", "male"):
        res = simulate(Config(sex, frozenset()), ages=ages)
        dev = float(np.max(np.abs(res.y / res.y[:, :1] - 1.0)))
        rows.append((f"base_all_modules_off_max_rel_dev_{sex}", dev, "< 1e-9 (exactly the Scheiner steady state)", dev < 1e-9))
    # 3. senescence + vesicles off: men constant, women == estrogen-only
    res_m = simulate(Config("male", ALL_ON - {"senescence", "vesicles"}), ages=ages)
    dev = float(np.max(np.abs(res_m.col("bmd_fn") / res_m.col("bmd_fn")[0] - 1)))
    rows.append(("male_sen_ves_off_max_bmd_change", dev, "< 1e-9 (no age-related loss)", dev < 1e-9))
    res_f = simulate(Config("female", ALL_ON - {"senescence", "vesicles"}), ages=ages)
    res_e = simulate(Config("female", frozenset({"closure", "estrogen", "marrow_fate"})), ages=ages)
    dev = float(np.max(np.abs(res_f.col("bmd_fn") / res_e.col("bmd_fn") - 1)))
    rows.append(("female_sen_ves_off_vs_estrogen_only_max_rel", dev, "< 1e-8 (only the estrogen component)", dev < 1e-8))
    pre = float(np.max(np.abs(res_f.col("bmd_fn")[ages <= 49.0] / res_f.col("bmd_fn")[0] - 1)))
    rows.append(("female_sen_ves_off_loss_before_onset", pre, "< 1e-9 (no loss before menopause onset)", pre < 1e-9))
    loss80 = float(100 * (1 - res_f.at_age("bmd_fn", 80) / res_f.at_age("bmd_fn", 25)))
    rows.append(("female_sen_ves_off_loss_25_80_pct", loss80, "report (estrogen component)", True))
    # 4. monotonicity in every pathological gain (x0, x0.5 vs x1 vs x1.5, x2), all ages, both sexes
    worst = 0.0
    worst_name = ""
    for sex in ("female", "male"):
        ref = simulate(Config(sex), ages=ages).col("bmd_fn")
        for g in PATHOLOGICAL_GAINS:
            for fac in (0.0, 0.5, 1.5, 2.0):
                v = P0[g] * fac
                if g == "est_drop":
                    v = min(v, 0.95)
                if g == "eta_sen" and fac == 0.0:
                    v = 0.5 * P0[g] * 0.5
                if g == "eta_sen":
                    v = min(v, 0.9 * P0["beta_sen"] / 90.0)  # keep X*(90) finite
                b = simulate(Config(sex).with_params(**{g: v}), ages=ages).col("bmd_fn")
                viol = float(np.max(b - ref)) if v > P0[g] else float(np.max(ref - b))
                if viol > worst:
                    worst, worst_name = viol, f"{sex}:{g}x{fac}"
    rows.append(("monotonicity_worst_violation_g_cm2", worst, f"<= 1e-9 ({worst_name or 'none'})", worst <= 1e-9))
    # 5. LSODA vs Radau agreement on the full trajectories (rtol 1e-10)
    for sex in ("female", "male"):
        a = simulate(Config(sex), method="LSODA")
        b = simulate(Config(sex), method="Radau")
        dev = float(np.max(np.abs(a.y / b.y - 1)))
        devb = float(np.max(np.abs(a.col("bmd_fn") / b.col("bmd_fn") - 1)))
        rows.append((f"lsoda_vs_radau_max_rel_state_{sex}", dev, "< 1e-7", dev < 1e-7))
        rows.append((f"lsoda_vs_radau_max_rel_bmd_{sex}", devb, "< 1e-8", devb < 1e-8))
    return rows


# ---------------------------------------------------------------------------------------------------------------------
# Stochastic senescence (cohort option; default off)
# ---------------------------------------------------------------------------------------------------------------------
def senescence_paths(p: dict, n_paths: int, seed: int, dt: float = 0.05, ages=(25, 30, 50, 70, 80, 90)):
    """Euler-Maruyama paths of dS = [eta a - beta S/(kappa + S)] dt + sqrt(2 eps) dW, reflecting at 0, from S*(25).

    Returns the S values at the requested ages (n_paths x len(ages)). Uses numpy's PCG64 with an explicit seed."""
    rng = np.random.Generator(np.random.PCG64(seed))
    S = np.full(n_paths, karin_xstar(p, AGE0))
    t_end = (max(ages) - AGE0) * DAYS_PER_YEAR
    n = int(round(t_end / dt))
    out = np.empty((n_paths, len(ages)))
    idx = {int(round((a - AGE0) * DAYS_PER_YEAR / dt)): j for j, a in enumerate(ages)}
    amp = math.sqrt(2.0 * p["eps_sen"] * dt)
    for k in range(n + 1):
        if k in idx:
            out[:, idx[k]] = S
        age = AGE0 + k * dt / DAYS_PER_YEAR
        S = np.abs(S + dt * (p["eta_sen"] * age - p["beta_sen"] * S / (p["kappa_sen"] + S)) + amp * rng.standard_normal(n_paths))
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------------------------------
def fmt(x) -> str:
    """Invariant, round-trip formatting (Python repr = shortest string that parses back to the same double)."""
    if isinstance(x, str):
        return x
    if isinstance(x, (bool, np.bool_)):
        return "true" if x else "false"
    x = float(x)
    if not math.isfinite(x):
        return ""  # no bound / not applicable
    return repr(x)


def write_csv(path: str, header: list, rows: list):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) for v in r])


def write_trajectory(path: str, res: Result):
    cols = ["t", "age"] + STATE_NAMES + OBS_NAMES
    data = [res.col(c) for c in cols]
    f30 = res.at_age("formation", 30)
    r30 = res.at_age("resorption", 30)
    cols += ["p1np_rel30", "ctx_rel30"]
    data += [res.col("formation") / f30, res.col("resorption") / r30]
    rows = list(zip(*data))
    write_csv(path, cols, rows)


def run_all(outdir="."):
    t0 = time.time()
    import os
    os.makedirs(outdir, exist_ok=True)
    J = lambda n: os.path.join(outdir, n)
    # parameter table
    write_csv(J("parameters.csv"), ["name", "value", "unit", "description", "source", "lower", "upper", "scale", "module"],
              [(p.name, p.value, p.unit, p.description, p.source, p.lower, p.upper, p.scale, p.module) for p in PARAMETERS])
    # reference trajectories
    variants = {"all_on": lambda sex: Config(sex),
                "sen_ves_off": lambda sex: Config(sex, ALL_ON - {"senescence", "vesicles"}),
                "base": lambda sex: Config(sex, frozenset()),
                "no_mechanisms": lambda sex: mechanism_config(sex, frozenset(), Config(sex))}
    for mech in MECHANISMS:
        variants[f"no_{mech}"] = (lambda m: (lambda sex: mechanism_config(
            sex, frozenset(k for k in MECHANISMS if k != m), Config(sex))))(mech)
    for sex in ("female", "male"):
        for name, mk in variants.items():
            if sex == "male" and name == "no_estrogen":
                continue
            write_trajectory(J(f"ref_{sex}_{name}.csv"), simulate(mk(sex)))
    # calibration table
    r = calibration_values({}, rtol=RTOL)
    cal_rows = []
    for k, tgt, w, kind, desc in CAL_TARGETS:
        cal_rows.append((k, kind, desc, tgt, w, r[k], (r[k] - tgt) / w))
    write_csv(J("calibration_fit.csv"), ["quantity", "kind", "description", "target", "weight_scale", "achieved",
                                         "weighted_residual"], cal_rows)
    acc_rows = []
    for k, lo, hi, desc in ACCEPTANCE:
        acc_rows.append((k, desc, lo, hi, r[k], bool(lo <= r[k] <= hi)))
    write_csv(J("acceptance.csv"), ["quantity", "description", "lower", "upper", "achieved", "pass"], acc_rows)
    extra = [(k, r[k]) for k in sorted(r) if not k.startswith("_")]
    write_csv(J("all_quantities.csv"), ["quantity", "value"], extra)
    # Farr 2024 validation
    farr_rows = []
    for fk in (0.4, 0.6):
        fr = senolytic_response(Config("female"), age_start=71.0, f_kill=fk, probe_days=(3, 7, 14, 28, 140))
        for d, v in fr.items():
            farr_rows.append((fk, d, 100 * v["p1np"], 100 * v["ctx"], v["burden_treated"], v["burden_control"]))
    write_csv(J("farr2024_validation.csv"), ["f_kill", "day", "p1np_change_vs_control_pct", "ctx_change_vs_control_pct",
                                             "burden_treated", "burden_control"], farr_rows)
    # attribution
    for sex in ("female", "male"):
        a = attribution(sex)
        rows = []
        for j, age in enumerate(a["ages"]):
            tot = a["total"][j]
            for mname in a["mechanisms"]:
                sh, oa, al = a["shapley"][mname][j], a["one_at_a_time"][mname][j], a["alone"][mname][j]
                rows.append((age, mname, sh, sh / tot, oa, oa / tot, al))
            rows.append((age, "total", tot, 1.0, sum(a["one_at_a_time"][mm][j] for mm in a["mechanisms"]),
                         sum(a["one_at_a_time"][mm][j] for mm in a["mechanisms"]) / tot, float("nan")))
        write_csv(J(f"attribution_{sex}.csv"), ["age", "mechanism", "shapley_loss_pct_of_peak", "shapley_share",
                                                 "one_at_a_time_loss_pct_of_peak", "one_at_a_time_share",
                                                 "alone_loss_pct_of_peak"], rows)
        srows = []
        for subset, vals in sorted(a["subsets"].items(), key=lambda kv: (len(kv[0]), sorted(kv[0]))):
            srows.append(("+".join(m for m in a["mechanisms"] if m in subset) or "none", *vals))
        write_csv(J(f"attribution_subsets_{sex}.csv"), ["mechanisms_on"] + [f"loss_pct_of_peak_age_{x}" for x in a["ages"]],
                  srows)
    # structural checks
    write_csv(J("checks.csv"), ["check", "value", "criterion", "pass"], structural_checks())
    # stochastic senescence demonstration (eps = Karin 0.142 /day)
    p = dict(P0, eps_sen=0.142)
    paths = senescence_paths(p, 2000, seed=20240601)
    ages = (25, 30, 50, 70, 80, 90)
    st_rows = [(a, karin_xstar(p, a), float(np.mean(paths[:, j])), float(np.median(paths[:, j])),
                float(np.percentile(paths[:, j], 10)), float(np.percentile(paths[:, j], 90))) for j, a in enumerate(ages)]
    write_csv(J("senescence_stochastic_demo.csv"), ["age", "xstar", "mean", "median", "p10", "p90"], st_rows)
    print(f"all outputs written in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "quick"
    if cmd == "quick":
        t0 = time.time()
        r = calibration_values({})
        print(f"{time.time() - t0:.2f}s")
        for k, v in r.items():
            if not k.startswith("_"):
                print(f"{k:32s} {v:.6g}")
    elif cmd == "calibrate":
        s = calibrate([float(v) for v in sys.argv[2].split(",")] if len(sys.argv) > 2 else None)
        print("x =", ",".join(repr(float(v)) for v in s.x))
        print("residuals =", s.fun, "status", s.status, s.message, "nfev", s.nfev)
    elif cmd == "spec-tables":
        print("| name | value | unit | module | description | source | lower | upper | scale |")
        print("|---|---|---|---|---|---|---|---|---|")
        for p in PARAMETERS:
            print(f"| `{p.name}` | {p.value!r} | {p.unit} | {p.module} | {p.description} | {p.source} | {p.lower!r} | {p.upper!r} | {p.scale} |")
    elif cmd == "all":
        run_all(sys.argv[2] if len(sys.argv) > 2 else ".")
    else:
        raise SystemExit(f"unknown command '{cmd}' (quick | calibrate | all | spec-tables)")
