using OsteoOde.Modeling;

namespace OsteoOde.Models;

/// <summary>
/// References used by the published models. Public code is cited by repository, path and commit; values read from it are
/// facts (numbers), the code itself is not copied.
/// </summary>
public static class Sources
{
    /// <summary>Commit of cmodiz/Bone-Models whose parameter files the Pivonka 2008 and Scheiner 2013 values were read from.</summary>
    public const string BoneModelsParameterCommit = "0c62d8d1868bd45386b7d1ec186a41fba7950b14";

    /// <summary>Commit of cmodiz/Bone-Models whose model files the equations were checked against.</summary>
    public const string BoneModelsModelCommit = "74ab6f7a2c3e028f14b3897b44c7a3249d1da787";

    /// <summary>Lemaire et al. 2004 as a whole.</summary>
    public static Citation Lemaire2004 { get; } = new(
        "Lemaire V, Tobin FL, Greller LD, Cho CR, Suva LJ. Modeling the interactions between osteoblast and osteoclast activities in bone remodeling. J Theor Biol 229:293–309 (2004)",
        Doi: "10.1016/j.jtbi.2004.03.023");

    /// <summary>The curated BioModels encoding of Lemaire 2004 (one SBML file per figure experiment).</summary>
    public static Citation Lemaire2004BioModels { get; } = new(
        "BioModels BIOMD0000000278 (Lemaire 2004, curated; figure variants lemaire04_addR … lemaire04_addOPG_addRANKL)",
        Url: "https://www.ebi.ac.uk/biomodels/BIOMD0000000278");

    /// <summary>Pivonka et al. 2008 as a whole.</summary>
    public static Citation Pivonka2008 { get; } = new(
        "Pivonka P, Zimak J, Smith DW, Gardiner BS, Dunstan CR, Sims NA, Martin TJ, Mundy GR. Model structure and control of bone remodeling: a theoretical study. Bone 43:249–263 (2008)",
        Doi: "10.1016/j.bone.2008.03.025");

    /// <summary>Pivonka et al. 2010 (bone volume equation and disease/treatment simulations on the same cell model).</summary>
    public static Citation Pivonka2010 { get; } = new(
        "Pivonka P, Zimak J, Smith DW, Gardiner BS, Dunstan CR, Sims NA, Martin TJ, Mundy GR. Theoretical investigation of the role of the RANK–RANKL–OPG system in bone remodeling. J Theor Biol 262:306–316 (2010)",
        Doi: "10.1016/j.jtbi.2009.09.021");

    /// <summary>Scheiner et al. 2013 as a whole.</summary>
    public static Citation Scheiner2013 { get; } = new(
        "Scheiner S, Pivonka P, Hellmich C. Coupling systems biology with multiscale mechanics, for computer simulations of bone remodeling. Comput Methods Appl Mech Eng 254:181–196 (2013)",
        Doi: "10.1016/j.cma.2012.10.015");

    /// <summary>Komarova et al. 2003 as a whole.</summary>
    public static Citation Komarova2003 { get; } = new(
        "Komarova SV, Smith RJ, Dixon SJ, Sims SM, Wahl LM. Mathematical model predicts a critical role for osteoclast autocrine regulation in the control of bone remodeling. Bone 33:206–215 (2003)",
        Doi: "10.1016/S8756-3282(03)00157-1");

    /// <summary>The curated BioModels encoding of Komarova 2003.</summary>
    public static Citation Komarova2003BioModels { get; } = new(
        "BioModels BIOMD0000000148 (Komarova 2003, curated; corrects the printed steady-state formula for the osteoblast number)",
        Url: "https://www.ebi.ac.uk/biomodels/BIOMD0000000148");

    /// <summary>Path of a file in cmodiz/Bone-Models with the commit it was read at.</summary>
    /// <param name="path">Path below <c>bone_models/bone_cell_population_models/</c>.</param>
    /// <param name="commit">Commit (full hash).</param>
    /// <returns>"cmodiz/Bone-Models &lt;path&gt; @ &lt;commit&gt;".</returns>
    public static string BoneModels(string path, string commit = BoneModelsParameterCommit) =>
        $"cmodiz/Bone-Models bone_models/bone_cell_population_models/{path} @ {commit[..12]}";
}
