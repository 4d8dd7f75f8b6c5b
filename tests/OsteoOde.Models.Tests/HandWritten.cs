namespace OsteoOde.Models.Tests;

/// <summary>
/// Right-hand sides written by hand from the paper equations (model-reference §1.2, §2.2, §3.1), independent of the model
/// declarations: parameters are looked up by canonical name. Each returns dy/dt and, per state, the sum of the absolute
/// values of its terms (the scale against which a relative comparison is fair when production and loss cancel).
/// </summary>
internal static class HandWritten
{
    /// <summary>Lemaire 2004.</summary>
    public static (double[] Dydt, double[] Scale) Lemaire(double[] y, Func<string, double> p)
    {
        double r = y[0], b = y[1], c = y[2];
        var dB = p("f0") * p("d_B");
        var piC = (c + p("f0") * p("C_s")) / (c + p("C_s"));
        var pBar = p("I_P") / p("k_P");
        var p0 = p("S_P") / p("k_P");
        var pS = p("k6") / p("k5");
        var piP = (pBar + p0) / (pBar + pS);
        var piL = p("k3") / p("k4") * p("K_LP") * piP * b
            / (1 + p("k3") * p("K") / p("k4") + p("k1") / (p("k2") * p("k_O")) * (p("K_OP") * r / piP + p("I_O")))
            * (1 + p("I_L") / p("r_L"));
        double[] t1 = [p("D_R") * piC, -dB / piC * r, p("I_R")];
        double[] t2 = [dB / piC * r, -p("k_B") * b, p("I_B")];
        double[] t3 = [p("D_C") * piL, -p("D_A") * piC * c, p("I_C")];
        return Collect(t1, t2, t3);
    }

    /// <summary>Values of the Pivonka extension points (0 for sums, 1 for products = the published model).</summary>
    public sealed record Extensions(double RanklProduction = 0, double RanklBinding = 0, double RanklCapacity = 1, double OpgProduction = 0,
        double OpgFactor = 1, double PthProduction = 0, double TgfbProduction = 0, double OBuSupply = 1, double OBpDifferentiation = 1,
        double OBaApoptosis = 1, double OCFormation = 1, double OCaApoptosis = 1, double BoneFormation = 1, double BoneResorption = 1);

    /// <summary>Pivonka 2008 / Scheiner 2013 (with v_b when y has four entries).</summary>
    public static (double[] Dydt, double[] Scale) Pivonka(double[] y, Func<string, double> p, Extensions? ext = null)
    {
        var e = ext ?? new Extensions();
        double obp = y[0], oba = y[1], oca = y[2];
        var tgfb = p("alpha_TGFb") * oca + (p("P_TGFb") + e.TgfbProduction) / p("D_TGFb");
        var piActObu = tgfb / (tgfb + p("K_D1_TGFb"));
        var piRepObp = p("K_D2_TGFb") / (tgfb + p("K_D2_TGFb"));
        var piActOca = tgfb / (tgfb + p("K_D3_TGFb"));
        var pth = (p("beta_PTH") + p("P_PTH") + e.PthProduction) / p("D_PTH");
        var piActPth = pth / (pth + p("K_act_PTH"));
        var piRepPth = p("K_rep_PTH") / (pth + p("K_rep_PTH"));
        var pOpg = p("beta_OPG") * e.OpgFactor * oba * piRepPth;
        var opg = (pOpg + p("P_OPG") + e.OpgProduction) * p("OPG_max") / (pOpg + p("D_OPG") * p("OPG_max"));
        var ranklEff = p("R_RANKL") * e.RanklCapacity * obp * piActPth;
        var rankl = ranklEff / (1 + p("K_A1") * opg + p("K_A2") * p("RANK") + e.RanklBinding)
            * (p("beta_RANKL") + p("P_RANKL") + e.RanklProduction) / (p("beta_RANKL") + p("D_RANKL") * ranklEff);
        var complex = p("K_A2") * rankl * p("RANK");
        var piActOcp = complex / (complex + p("K_D_RANKL_RANK"));

        var diff = p("D_OBp") * e.OBpDifferentiation * obp * piRepObp;
        double[] t1 = [p("D_OBu") * e.OBuSupply * piActObu, -diff];
        double[] t2 = [diff, -p("A_OBa") * e.OBaApoptosis * oba];
        double[] t3 = [p("D_OCp") * e.OCFormation * piActOcp, -p("A_OCa") * e.OCaApoptosis * oca * piActOca];
        if (y.Length == 3)
        {
            return Collect(t1, t2, t3);
        }

        double[] t4 = [p("k_form") * e.BoneFormation * oba, -p("k_res") * e.BoneResorption * oca];
        return Collect(t1, t2, t3, t4);
    }

    /// <summary>Pivonka observables TGFb, PTH, OPG, RANKL, RANKL_RANK, pi_act_OCp (no extensions).</summary>
    public static double[] PivonkaObservables(double[] y, Func<string, double> p)
    {
        double obp = y[0], oba = y[1], oca = y[2];
        var tgfb = p("alpha_TGFb") * oca + p("P_TGFb") / p("D_TGFb");
        var pth = (p("beta_PTH") + p("P_PTH")) / p("D_PTH");
        var piActPth = pth / (pth + p("K_act_PTH"));
        var piRepPth = p("K_rep_PTH") / (pth + p("K_rep_PTH"));
        var pOpg = p("beta_OPG") * oba * piRepPth;
        var opg = (pOpg + p("P_OPG")) * p("OPG_max") / (pOpg + p("D_OPG") * p("OPG_max"));
        var ranklEff = p("R_RANKL") * obp * piActPth;
        var rankl = ranklEff / (1 + p("K_A1") * opg + p("K_A2") * p("RANK"))
            * (p("beta_RANKL") + p("P_RANKL")) / (p("beta_RANKL") + p("D_RANKL") * ranklEff);
        var complex = p("K_A2") * rankl * p("RANK");
        return [tgfb, pth, opg, rankl, complex, complex / (complex + p("K_D_RANKL_RANK"))];
    }

    /// <summary>Komarova 2003, with the steady state computed from the closed form.</summary>
    public static (double[] Dydt, double[] Scale) Komarova(double[] y, Func<string, double> p)
    {
        double x1 = y[0], x2 = y[1];
        var (x1Bar, x2Bar) = KomarovaSteadyState(p);
        double[] t1 = [p("alpha1") * Math.Pow(x1, p("g11")) * Math.Pow(x2, p("g21")), -p("beta1") * x1];
        double[] t2 = [p("alpha2") * Math.Pow(x1, p("g12")) * Math.Pow(x2, p("g22")), -p("beta2") * x2];
        double[] t3 = [-p("k1") * Math.Max(0, x1 - x1Bar), p("k2") * Math.Max(0, x2 - x2Bar)];
        return Collect(t1, t2, t3);
    }

    /// <summary>x̄1, x̄2 from the curated closed form.</summary>
    public static (double X1, double X2) KomarovaSteadyState(Func<string, double> p)
    {
        var gamma = p("g12") * p("g21") - (1 - p("g11")) * (1 - p("g22"));
        var r1 = p("beta1") / p("alpha1");
        var r2 = p("beta2") / p("alpha2");
        return (Math.Pow(r1, (1 - p("g22")) / gamma) * Math.Pow(r2, p("g21") / gamma),
            Math.Pow(r1, p("g12") / gamma) * Math.Pow(r2, (1 - p("g11")) / gamma));
    }

    private static (double[] Dydt, double[] Scale) Collect(params double[][] terms)
    {
        var d = new double[terms.Length];
        var s = new double[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            foreach (var t in terms[i])
            {
                d[i] += t;
                s[i] += Math.Abs(t);
            }
        }

        return (d, s);
    }
}
