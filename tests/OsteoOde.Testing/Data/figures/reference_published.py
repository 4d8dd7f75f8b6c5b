#!/usr/bin/python3
"""Independent reference values for the published-model figures (tests/OsteoOde.Analysis.Tests/Figures).

Hand-written right-hand sides from docs/model-reference.md (Lemaire 2004 sec. 1, Pivonka 2008 / Scheiner 2013 sec. 2 with the
full-precision values of cmodiz/Bone-Models parameters/*_parameters.py at 0c62d8d1868b, Komarova 2003 sec. 3), integrated
with scipy's Radau at rtol 1e-11 in pieces between input switches. No OsteoOde code is used.

Writes published_reference.csv: figure,case,quantity,t,value (t empty for scalars).
Run: /usr/bin/python3 reference_published.py   (Debian python3-scipy)
"""
import csv
import math
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve

ROWS = []


def emit(figure, case, quantity, t, value):
    ROWS.append((figure, case, quantity, "" if t is None else repr(float(t)), repr(float(value))))


def piecewise(rhs, y0, pieces, t_eval, args_of, rtol=1e-11, atol=1e-18):
    """Integrates over consecutive (t0, t1) pieces, each with its own constant inputs; returns values at t_eval."""
    out = {}
    y = np.array(y0, dtype=float)
    for (t0, t1) in pieces:
        ts = [t for t in t_eval if t0 <= t <= t1]
        sol = solve_ivp(rhs, (t0, t1), y, method="Radau", rtol=rtol, atol=atol, dense_output=True, args=(args_of(0.5 * (t0 + t1)),))
        assert sol.success, sol.message
        for t in ts:
            out[t] = sol.sol(t)
        y = sol.y[:, -1]
    return out


# ---------------------------------------------------------------- Lemaire 2004 --------------------------------------------
L = dict(D_R=7.0e-4, d_B=0.7, f0=0.05, C_s=5.0e-3, k_B=0.189, D_C=2.1e-3, D_A=0.7, K=10.0, k1=1.0e-2, k2=10.0, k3=5.8e-4,
         k4=1.7e-2, k5=0.02, k6=3.0, K_LP=3.0e6, r_L=1.0e3, K_OP=2.0e5, k_O=0.35, S_P=250.0, k_P=86.0)


def lemaire_rhs(t, y, u):
    R, B, C = y
    p = L
    D_B = p["f0"] * p["d_B"]
    piC = (C + p["f0"] * p["C_s"]) / (C + p["C_s"])
    Pbar = u["I_P"] / p["k_P"]
    P0 = p["S_P"] / p["k_P"]
    Ps = p["k6"] / p["k5"]
    piP = (Pbar + P0) / (Pbar + Ps)
    piL = (p["k3"] / p["k4"]) * p["K_LP"] * piP * B / (
        1 + p["k3"] * p["K"] / p["k4"] + p["k1"] / (p["k2"] * p["k_O"]) * (p["K_OP"] * R / piP + u["I_O"])) * (1 + u["I_L"] / p["r_L"])
    return [p["D_R"] * piC - D_B / piC * R + u["I_R"],
            D_B / piC * R - p["k_B"] * B + u["I_B"],
            p["D_C"] * piL - p["D_A"] * piC * C + u["I_C"]]


ZERO_L = dict(I_P=0.0, I_O=0.0, I_L=0.0, I_R=0.0, I_B=0.0, I_C=0.0)
l_ss = fsolve(lambda y: lemaire_rhs(0, y, ZERO_L), [7.734e-4, 7.283e-4, 9.128e-4], xtol=1e-15)
for name, v in zip("RBC", l_ss):
    emit("lemaire-protocols", "steady", name, None, v)

LEMAIRE = {
    "addR": ("I_R", 1.0e-4), "removeR": ("I_R", -1.2e-4), "addB": ("I_B", 1.0e-4), "removeB": ("I_B", -8.3e-5),
    "addC": ("I_C", 1.0e-4), "removeC": ("I_C", -2.9e-4), "addPTH": ("I_P", 1.0e3), "addOPG": ("I_O", 2.0e5),
}
TIMES_L = [0.0, 20.0, 50.0, 80.0, 100.0, 120.0, 200.0]
for case, (inp, val) in LEMAIRE.items():
    def inputs(tm, inp=inp, val=val):
        u = dict(ZERO_L)
        if 20 < tm <= 80:
            u[inp] = val
        return u
    out = piecewise(lemaire_rhs, l_ss, [(0, 20), (20, 80), (80, 200)], TIMES_L, inputs)
    for t in TIMES_L:
        for name, v in zip("RBC", out[t]):
            emit("lemaire-protocols", case, name, t, v)


def rankl_opg(tm):
    u = dict(ZERO_L)
    if tm > 20:
        u["I_L"] = 1.0e4
    if tm > 80:
        u["I_O"] = 9.0e4
    return u


out = piecewise(lemaire_rhs, l_ss, [(0, 20), (20, 80), (80, 200)], TIMES_L, rankl_opg)
for t in TIMES_L:
    for name, v in zip("RBC", out[t]):
        emit("lemaire-protocols", "addRANKL_then_OPG", name, t, v)

# ---------------------------------------------------------------- Pivonka 2008 / Scheiner 2013 ----------------------------
PIV = dict(D_OBu=7.00e-4, D_OBp=2.674077909527713e-1, D_OCp=2.1e-3, A_OBa=0.189, A_OCa=0.7,
           K_D1=4.545454545454545e-3, K_D2=1.415624253823446e-3, K_D3=4.545454545454545e-3,
           K_act_PTH=150.0, K_rep_PTH=2.225814277099542e-1, K_D_RR=4.457452802710724,
           D_PTH=86.0, D_OPG=0.35, D_RANKL=1.0132471014805027e+1, D_TGFb=1.0, alpha=1.0,
           OPG_max=2e8, RANK=10.0, K_A1=1e-3, K_A2=3.411764705882353e-2,
           beta_PTH=250.0, beta_RANKL=1.684195714712206e+2, beta_OPG=1.624900337835679e+8, R_RANKL=2.703476379131062e+6)
SCH = dict(PIV, D_OBp=0.165696312976030, A_OBa=0.211072625806496, A_OCa=5.64874468409633,
           K_D1=0.000563278809675429, K_D3=0.000563278809675429, K_D2=0.000175426051821094,
           K_rep_PTH=0.222581427709954, K_D_RR=5.67971833061048, k_form=40.0, k_res=200.0)


def pivonka_rhs(t, y, args):
    p, u = args
    OBp, OBa, OCa = y[:3]
    act = lambda x, k: x / (x + k)
    rep = lambda x, k: k / (x + k)
    tgfb = p["alpha"] * OCa + u["P_TGFb"] / p["D_TGFb"]
    pth = (p["beta_PTH"] + u["P_PTH"]) / p["D_PTH"]
    p_opg = p["beta_OPG"] * OBa * rep(pth, p["K_rep_PTH"])
    opg = (p_opg + u["P_OPG"]) * p["OPG_max"] / (p_opg + p["D_OPG"] * p["OPG_max"])
    eff = p["R_RANKL"] * OBp * act(pth, p["K_act_PTH"])
    rankl = eff / (1 + p["K_A1"] * opg + p["K_A2"] * p["RANK"]) * (p["beta_RANKL"] + u["P_RANKL"]) / (p["beta_RANKL"] + p["D_RANKL"] * eff)
    rr = p["K_A2"] * rankl * p["RANK"]
    pi_ocp = rr / (rr + p["K_D_RR"])
    diff = p["D_OBp"] * OBp * rep(tgfb, p["K_D2"])
    d = [p["D_OBu"] * act(tgfb, p["K_D1"]) - diff,
         diff - p["A_OBa"] * OBa,
         p["D_OCp"] * pi_ocp - p["A_OCa"] * OCa * act(tgfb, p["K_D3"])]
    if len(y) == 4:
        d.append(p["k_form"] * OBa - p["k_res"] * OCa)
    return d


ZERO_P = dict(P_PTH=0.0, P_OPG=0.0, P_RANKL=0.0, P_TGFb=0.0)
PROTOCOLS = {"addPTH": ("P_PTH", 1.0e3), "addOPG": ("P_OPG", 2.0e5), "addRANKL": ("P_RANKL", 1.0e4), "addTGFb": ("P_TGFb", 1.0e-3)}
TIMES_P = [0.0, 20.0, 50.0, 80.0, 100.0, 120.0, 300.0]
for figure, p, y0, names in [("pivonka-protocols", PIV, [6.1964e-4, 5.5839e-4, 8.0696e-4], ["OBp", "OBa", "OCa"]),
                             ("scheiner-protocols", SCH, [1e-3, 5e-4, 1e-4], ["OBp", "OBa", "OCa"])]:
    ss = fsolve(lambda y: pivonka_rhs(0, y, (p, ZERO_P)), y0, xtol=1e-15)
    for name, v in zip(names, ss):
        emit(figure, "steady", name, None, v)
    full = list(ss) + ([15.0] if figure == "scheiner-protocols" else [])
    names_full = names + (["vb"] if figure == "scheiner-protocols" else [])
    for case, (inp, val) in PROTOCOLS.items():
        def args_of(tm, inp=inp, val=val, p=p):
            u = dict(ZERO_P)
            if 20 < tm <= 80:
                u[inp] = val
            return (p, u)
        out = piecewise(pivonka_rhs, full, [(0, 20), (20, 80), (80, 300)], TIMES_P, args_of, atol=1e-20)
        for t in TIMES_P:
            for name, v in zip(names_full, out[t]):
                emit(figure, case, name, t, v)

# Scheiner RANKL dose: steady state with vb held (model-reference sec. 2.8).
for prankl in [0.0, 10.0, 30.0, 50.0, 100.0, 200.0, 500.0]:
    u = dict(ZERO_P, P_RANKL=prankl)
    ss = fsolve(lambda y: pivonka_rhs(0, y, (SCH, u)), [1e-3, 5e-4, 1e-4], xtol=1e-14)
    rate = SCH["k_form"] * ss[1] - SCH["k_res"] * ss[2]  # %/day
    case = repr(prankl)
    emit("scheiner-rankl-dose", case, "OBa", None, ss[1])
    emit("scheiner-rankl-dose", case, "OCa", None, ss[2])
    emit("scheiner-rankl-dose", case, "dvb_dt", None, rate * 365.25)

# ---------------------------------------------------------------- Komarova 2003 -------------------------------------------
K = dict(a1=3.0, a2=4.0, b1=0.2, b2=0.02, g11=0.5, g21=-0.5, g12=1.0, g22=0.0, k1=0.24, k2=0.0017)


def kom_bar(p):
    gamma = p["g12"] * p["g21"] - (1 - p["g11"]) * (1 - p["g22"])
    x1 = (p["b1"] / p["a1"]) ** ((1 - p["g22"]) / gamma) * (p["b2"] / p["a2"]) ** (p["g21"] / gamma)
    x2 = (p["b1"] / p["a1"]) ** (p["g12"] / gamma) * (p["b2"] / p["a2"]) ** ((1 - p["g11"]) / gamma)
    return x1, x2


def kom_cells(t, y, p):
    x1, x2 = y
    return [p["a1"] * x1 ** p["g11"] * x2 ** p["g21"] - p["b1"] * x1, p["a2"] * x1 ** p["g12"] * x2 ** p["g22"] - p["b2"] * x2]


xb1, xb2 = kom_bar(K)
emit("komarova-cycle", "steady", "x1_bar", None, xb1)
emit("komarova-cycle", "steady", "x2_bar", None, xb2)
sol = solve_ivp(kom_cells, (0, 400), [11.0, 212.0], method="Radau", rtol=1e-12, atol=1e-12, dense_output=True, args=(K,))
grid = np.linspace(0, 400, 4_000_001)
x = sol.sol(grid)
dz = -K["k1"] * np.maximum(0, x[0] - xb1) + K["k2"] * np.maximum(0, x[1] - xb2)
z = 100 + np.concatenate([[0], np.cumsum(0.5 * (dz[1:] + dz[:-1]) * np.diff(grid))])
i = int(np.argmin(z))
emit("komarova-cycle", "single_cycle", "z_min", grid[i], z[i])
# End of the first resorption phase (x1 above its steady state from t = 0) and of the first formation phase (x2 above).
emit("komarova-cycle", "single_cycle", "resorption_end", None, grid[int(np.argmax(x[0] <= xb1))])
start = int(np.argmax(x[1] > xb2))
emit("komarova-cycle", "single_cycle", "formation_start", None, grid[start])
emit("komarova-cycle", "single_cycle", "formation_end", None, grid[start + int(np.argmax(x[1][start:] <= xb2))])
j = int(np.argmax(x[1]))
emit("komarova-cycle", "single_cycle", "x2_max", grid[j], x[1][j])
for t in [0.0, 10.0, 50.0, 100.0, 200.0, 400.0]:
    k = int(round(t / 400 * 4_000_000))
    emit("komarova-cycle", "single_cycle", "x1", t, x[0][k])
    emit("komarova-cycle", "single_cycle", "x2", t, x[1][k])
    emit("komarova-cycle", "single_cycle", "z", t, z[k])

# Autocrine gain: successive maxima of x1 from x1 = 2, x2 = 212.
for case, g11, tend in [("g11_1", 1.0, 1000.0), ("g11_neutral", 1.1, 1000.0), ("g11_unstable", 1.12, 400.0)]:
    p = dict(K, g11=g11)
    s = solve_ivp(kom_cells, (0, tend), [2.0, 212.0], method="Radau", rtol=1e-12, atol=1e-12, dense_output=True, args=(p,))
    g = np.linspace(0, tend, int(tend * 1000) + 1)
    v = s.sol(g)[0]
    peaks = [k for k in range(1, len(g) - 1) if v[k] > v[k - 1] and v[k] >= v[k + 1]]
    emit("komarova-autocrine", case, "x1_bar", None, kom_bar(p)[0])
    for n, k in enumerate(peaks[:4]):
        emit("komarova-autocrine", case, f"x1_peak{n + 1}", g[k], v[k])

with open("published_reference.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["figure", "case", "quantity", "t", "value"])
    w.writerows(ROWS)
print(f"{len(ROWS)} rows")
