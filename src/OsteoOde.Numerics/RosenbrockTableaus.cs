namespace OsteoOde.Numerics;

/// <summary>The built-in Rosenbrock coefficient sets (data for the one Rosenbrock kernel).</summary>
public static class RosenbrockTableaus
{
    /// <summary>
    /// Rodas5P: 8 stages, order 5 with an embedded order-4 solution, stiffly accurate, L-stable, dense output of order 4.
    /// Coefficients from G. Steinebach, "Construction of Rosenbrock–Wanner method Rodas5P and numerical benchmarks within the
    /// Julia Differential Equations package", BIT Numer. Math. 63, 27 (2023), doi:10.1007/s10543-023-00967-x, in the transformed
    /// form of Hairer &amp; Wanner. Stages 6–8 are evaluated at t0 + h and add their increment to the previous stage's argument.
    /// </summary>
    public static RosenbrockTableau Rodas5P { get; } = CreateRodas5P();

    /// <summary>
    /// Rodas4: 6 stages, order 4 with an embedded order-3 solution, stiffly accurate, L-stable, dense output of order 3.
    /// Coefficients of RODAS from E. Hairer &amp; G. Wanner, <i>Solving Ordinary Differential Equations II</i>, 2nd ed., Springer
    /// 1996, §VI.4 and the code RODAS, transformed form.
    /// </summary>
    public static RosenbrockTableau Rodas4 { get; } = CreateRodas4();

    private static RosenbrockTableau CreateRodas5P()
    {
        const int s = 8;
        var a = new double[s * s];
        var c = new double[s * s];
        double[][] aRows =
        [
            [],
            [3.0],
            [2.849394379747939, 0.45842242204463923],
            [-6.954028509809101, 2.489845061869568, -10.358996098473584],
            [2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641],
            [-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256, 0.030198172008377946],
        ];
        double[][] cRows =
        [
            [],
            [-14.155112264123755],
            [-17.97296035885952, -2.859693295451294],
            [147.12150275711716, -1.41221402718213, 71.68940251302358],
            [165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306],
            [24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471],
            [30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623, -28.087943162872662],
            [37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002, -54.66780262877968, -9.48861652309627],
        ];
        FillStifflyAccurate(a, aRows, s);
        Fill(c, cRows, s);
        var m = LastRowPlusOne(a, s);
        var e = new double[s];
        e[s - 1] = 1.0;
        double[] alpha = [0.0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664, 1.0, 1.0, 1.0];
        double[] d = [0.21193756319429014, -0.42387512638858027, -0.3384627126235924, 1.8046452872882734, 2.325825639765069, 0.0, 0.0, 0.0];
        double[] dense =
        [
            25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204, 0.524948541321073, 1.1241088310450404, 0.4272876194431874, -0.17202221070155493,
            -9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796, 20.176138334709044, 15.98066361424651, -6.789040303419874, -6.710236069923372,
            11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643, -52.072871366152654, -59.78993625266729, -0.15582684282751913, 4.883087185713722,
        ];
        return new RosenbrockTableau("rodas5p", s, 0.21193756319429014, a, c, alpha, d, m, e, 5, 4, dense, 4, true,
            "G. Steinebach, BIT Numer. Math. 63, 27 (2023), doi:10.1007/s10543-023-00967-x", toleranceScale: 0.5);
    }

    private static RosenbrockTableau CreateRodas4()
    {
        const int s = 6;
        var a = new double[s * s];
        var c = new double[s * s];
        double[][] aRows =
        [
            [],
            [1.544],
            [0.9466785280815826, 0.2557011698983284],
            [3.314825187068521, 2.896124015972201, 0.9986419139977817],
            [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950],
        ];
        double[][] cRows =
        [
            [],
            [-5.6688],
            [-2.430093356833875, -0.2063599157091915],
            [-0.1073529058151375, -9.594562251023355, -20.47028614809616],
            [7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160],
            [8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054],
        ];
        FillStifflyAccurate(a, aRows, s);
        Fill(c, cRows, s);
        var m = LastRowPlusOne(a, s);
        var e = new double[s];
        e[s - 1] = 1.0;
        double[] alpha = [0.0, 0.386, 0.21, 0.63, 1.0, 1.0];
        double[] d = [0.25, -0.1043, 0.1035, -0.0362, 0.0, 0.0];
        double[] dense =
        [
            10.12623508344586, -7.487995877610167, -34.80091861555747, -7.992771707568823, 1.025137723295662, 0.0,
            -0.6762803392801253, 6.087714651680015, 16.43084320892478, 24.76722511418386, -6.594389125716872, 0.0,
        ];
        return new RosenbrockTableau("rodas4", s, 0.25, a, c, alpha, d, m, e, 4, 3, dense, 3, true,
            "E. Hairer & G. Wanner, Solving ODEs II, 2nd ed. (1996), Sect. VI.4, code RODAS", toleranceScale: 0.25);
    }

    // Rows given explicitly; every later row repeats the previous one and adds the previous stage's increment
    // (y0 + Σ a_ij u_j = previous argument + u_{i-1}), the structure of stiffly accurate Rodas methods.
    private static void FillStifflyAccurate(double[] a, double[][] rows, int s)
    {
        Fill(a, rows, s);
        for (var i = rows.Length; i < s; i++)
        {
            for (var j = 0; j < i - 1; j++)
            {
                a[(i * s) + j] = a[((i - 1) * s) + j];
            }

            a[(i * s) + i - 1] = 1.0;
        }
    }

    private static void Fill(double[] target, double[][] rows, int s)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < rows[i].Length; j++)
            {
                target[(i * s) + j] = rows[i][j];
            }
        }
    }

    private static double[] LastRowPlusOne(double[] a, int s)
    {
        var m = new double[s];
        for (var j = 0; j < s - 1; j++)
        {
            m[j] = a[((s - 1) * s) + j];
        }

        m[s - 1] = 1.0;
        return m;
    }
}
