namespace OsteoOde.Modeling.Diagnostics;

/// <summary>
/// Hand-written right-hand side and analytic Jacobian of the Pivonka et al. 2008 bone-cell model (model-reference §2.2,
/// states OBp, OBa, OCa in pM, time in days), used as the independent reference for compiled code and as the baseline of
/// <see cref="RhsBenchmark"/>. This is a benchmark fixture, not the published model (that lives in OsteoOde.Models).
/// <para>
/// Parameter array layout (<see cref="ParameterNames"/>): the 24 canonical <c>pivonka2008</c> parameters, then the inputs
/// P_PTH, P_OPG, P_RANKL, P_TGFb — the same order a model declared with the canonical identifiers compiles to.
/// </para>
/// </summary>
public static class PivonkaHandWritten
{
    /// <summary>Names of the parameter array entries, in order.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } =
    [
        "D_OBu", "D_OBp", "A_OBa", "D_OCp", "A_OCa", "K_D1_TGFb", "K_D2_TGFb", "K_D3_TGFb", "K_act_PTH", "K_rep_PTH",
        "beta_PTH", "D_PTH", "beta_OPG", "OPG_max", "D_OPG", "R_RANKL", "beta_RANKL", "D_RANKL", "K_A1", "K_A2", "RANK",
        "K_D_RANKL_RANK", "alpha_TGFb", "D_TGFb", "P_PTH", "P_OPG", "P_RANKL", "P_TGFb",
    ];

    /// <summary>
    /// The Pivonka 2008 parameter set of model-reference §2.3 (reproduces the canonical steady state
    /// OBp = 6.1964e-4, OBa = 5.5839e-4, OCa = 8.0696e-4 pM), inputs 0.
    /// </summary>
    /// <returns>A new array in <see cref="ParameterNames"/> order.</returns>
    public static double[] DefaultParameters() =>
    [
        7.00e-4, 2.674078e-1, 1.89e-1, 2.10e-3, 7.00e-1, 4.545455e-3, 1.415624e-3, 4.545455e-3, 150, 2.225814e-1,
        250, 86, 1.6249e8, 2.0e8, 0.35, 2.703476e6, 1.684196e2, 1.013247e1, 1.0e-3, 3.411765e-2, 10,
        4.457453, 1, 1, 0, 0, 0, 0,
    ];

    /// <summary>Right-hand side: <c>dydt = f(t, y; p)</c>.</summary>
    /// <param name="t">Time (unused: the model is autonomous).</param>
    /// <param name="y">State (OBp, OBa, OCa).</param>
    /// <param name="p">Parameters in <see cref="ParameterNames"/> order.</param>
    /// <param name="dydt">Destination (length 3).</param>
    public static void Rhs(double t, double[] y, double[] p, double[] dydt)
    {
        _ = t;
        double obp = y[0], oba = y[1], oca = y[2];
        double dObu = p[0], dObp = p[1], aOba = p[2], dOcp = p[3], aOca = p[4];
        double k1 = p[5], k2 = p[6], k3 = p[7], kAct = p[8], kRep = p[9];
        double betaPth = p[10], dPth = p[11], betaOpg = p[12], opgMax = p[13], dOpg = p[14];
        double rRankl = p[15], betaRankl = p[16], dRankl = p[17], ka1 = p[18], ka2 = p[19], rank = p[20];
        double kd = p[21], alpha = p[22], dTgfb = p[23];
        double pPth = p[24], pOpg = p[25], pRankl = p[26], pTgfb = p[27];

        var tgfb = alpha * oca + pTgfb / dTgfb;
        var piActObu = tgfb / (tgfb + k1);
        var piRepObp = k2 / (tgfb + k2);
        var piActOca = tgfb / (tgfb + k3);
        var pth = (betaPth + pPth) / dPth;
        var piActPth = pth / (pth + kAct);
        var piRepPth = kRep / (pth + kRep);
        var pOpgProd = betaOpg * oba * piRepPth;
        var opg = (pOpgProd + pOpg) * opgMax / (pOpgProd + dOpg * opgMax);
        var ranklEff = rRankl * obp * piActPth;
        var rankl = ranklEff / (1 + ka1 * opg + ka2 * rank) * (betaRankl + pRankl) / (betaRankl + dRankl * ranklEff);
        var ranklRank = ka2 * rankl * rank;
        var piActOcp = ranklRank / (ranklRank + kd);

        var differentiation = dObp * obp * piRepObp;
        dydt[0] = dObu * piActObu - differentiation;
        dydt[1] = differentiation - aOba * oba;
        dydt[2] = dOcp * piActOcp - aOca * oca * piActOca;
    }

    /// <summary>Analytic Jacobian, derived by hand (row-major 3×3: <c>J[i·3 + j] = ∂f_i/∂y_j</c>).</summary>
    /// <param name="t">Time (unused).</param>
    /// <param name="y">State.</param>
    /// <param name="p">Parameters.</param>
    /// <param name="jacobian">Destination (length 9).</param>
    public static void Jacobian(double t, double[] y, double[] p, double[] jacobian)
    {
        _ = t;
        double obp = y[0], oba = y[1], oca = y[2];
        double dObu = p[0], dObp = p[1], aOba = p[2], dOcp = p[3], aOca = p[4];
        double k1 = p[5], k2 = p[6], k3 = p[7], kAct = p[8], kRep = p[9];
        double betaPth = p[10], dPth = p[11], betaOpg = p[12], opgMax = p[13], dOpg = p[14];
        double rRankl = p[15], betaRankl = p[16], dRankl = p[17], ka1 = p[18], ka2 = p[19], rank = p[20];
        double kd = p[21], alpha = p[22], dTgfb = p[23];
        double pPth = p[24], pOpg = p[25], pRankl = p[26], pTgfb = p[27];

        var tgfb = alpha * oca + pTgfb / dTgfb;
        var s1 = tgfb + k1;
        var s2 = tgfb + k2;
        var s3 = tgfb + k3;
        var piRepObp = k2 / s2;
        var piActOca = tgfb / s3;
        var dPiActObu = k1 / (s1 * s1);           // d/dTGFb of TGFb/(TGFb + K1)
        var dPiRepObp = -k2 / (s2 * s2);          // d/dTGFb of K2/(TGFb + K2)
        var dPiActOca = k3 / (s3 * s3);

        var pth = (betaPth + pPth) / dPth;
        var piActPth = pth / (pth + kAct);
        var piRepPth = kRep / (pth + kRep);
        var pOpgProd = betaOpg * oba * piRepPth;
        var opgDen = pOpgProd + dOpg * opgMax;
        var opg = (pOpgProd + pOpg) * opgMax / opgDen;
        var dOpgDOba = opgMax * (dOpg * opgMax - pOpg) / (opgDen * opgDen) * betaOpg * piRepPth;

        var ranklEff = rRankl * obp * piActPth;
        var binding = 1 + ka1 * opg + ka2 * rank;
        var production = betaRankl + pRankl;
        var g = betaRankl + dRankl * ranklEff;
        var rankl = ranklEff / binding * production / g;
        var dRanklDObp = production * betaRankl / (binding * g * g) * rRankl * piActPth;
        var dRanklDOba = -rankl / binding * ka1 * dOpgDOba;
        var ranklRank = ka2 * rankl * rank;
        var sOcp = ranklRank + kd;
        var dPiOcpDRankl = kd / (sOcp * sOcp) * ka2 * rank;

        jacobian[0] = -dObp * piRepObp;
        jacobian[1] = 0;
        jacobian[2] = (dObu * dPiActObu - dObp * obp * dPiRepObp) * alpha;
        jacobian[3] = dObp * piRepObp;
        jacobian[4] = -aOba;
        jacobian[5] = dObp * obp * dPiRepObp * alpha;
        jacobian[6] = dOcp * dPiOcpDRankl * dRanklDObp;
        jacobian[7] = dOcp * dPiOcpDRankl * dRanklDOba;
        jacobian[8] = -aOca * (piActOca + oca * dPiActOca * alpha);
    }
}
