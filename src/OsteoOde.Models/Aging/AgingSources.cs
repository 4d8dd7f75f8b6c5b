using OsteoOde.Modeling;

namespace OsteoOde.Models.Aging;

/// <summary>References of the lifetime model: papers (facts and numbers), public code read for numbers, and our own calibration.</summary>
public static class AgingSources
{
    /// <summary>Karin et al. 2019, saturating-removal model of senescent cells (human parameters from the Fig. 4d caption).</summary>
    public static Citation Karin2019 { get; } = new(
        "Karin O, Agrawal A, Porat Z, Krizhanovsky V, Alon U. Senescent cell turnover slows with age providing an explanation for the Gompertz law. Nat Commun 10:5495 (2019), Fig. 4d caption (human mortality fit)",
        Doi: "10.1038/s41467-019-13192-4");

    /// <summary>Terlecki-Zaniewicz et al. 2018: senescent fibroblasts release 4-fold more small EVs.</summary>
    public static Citation TerleckiZaniewicz2018 { get; } = new(
        "Terlecki-Zaniewicz L et al. Small extracellular vesicles and their miRNA cargo are anti-apoptotic members of the senescence-associated secretory phenotype. Aging 10:1103–1132 (2018)",
        Doi: "10.18632/aging.101452");

    /// <summary>Johnsen et al. 2019: plasma EV concentration about 1e10 per mL.</summary>
    public static Citation Johnsen2019 { get; } = new(
        "Johnsen KB et al. What is the blood concentration of extracellular vesicles? Implications for the use of extracellular vesicles as blood-borne biomarkers of cancer. Biochim Biophys Acta Rev Cancer 1871:109–116 (2019)",
        Doi: "10.1016/j.bbcan.2018.11.006");

    /// <summary>Davis et al. 2017: marrow EV number unchanged with age, miR-183 cargo rises.</summary>
    public static Citation Davis2017 { get; } = new(
        "Davis C, Dukes A, Drewry M, … Fulzele S, Hamrick MW. MicroRNA-183-5p increases with age in bone-derived extracellular vesicles, suppresses bone marrow stromal (stem) cell proliferation, and induces stem cell senescence. Tissue Eng Part A 23:1231–1240 (2017) [journal and pages per model-reference §6.2]");

    /// <summary>Wang et al. 2022: aged bone matrix-derived EVs (released by resorption) shift BMSCs to adipogenesis.</summary>
    public static Citation Wang2022 { get; } = new(
        "Wang Z-X et al. Aged bone matrix-derived extracellular vesicles as a messenger for calcification paradox. Nat Commun 13:1453 (2022)",
        Doi: "10.1038/s41467-022-29191-x");

    /// <summary>OpenBoneMin menopause (estrogen-loss) module.</summary>
    public static Citation OpenBoneMin { get; } = new(
        "Peterson MC, Riggs MM. A physiologically based mathematical model of integrated calcium homeostasis and bone remodeling. Bone 46:49–63 (2010); menopause module of the public implementation OpenBoneMin (ageDONE, menoDUR, age50)",
        Doi: "10.1016/j.bone.2009.08.053", Url: "https://github.com/metrumresearchgroup/OpenBoneMin", CodePath: "metrumresearchgroup/OpenBoneMin inst/OpenBoneMin.cpp");

    /// <summary>SWAN: femoral-neck loss around the final menstrual period.</summary>
    public static Citation Swan2012 { get; } = new(
        "Greendale GA et al. Bone mineral density loss in relation to the final menstrual period in a multiethnic cohort: results from the Study of Women's Health Across the Nation (SWAN). J Bone Miner Res 27:111–118 (2012)",
        Doi: "10.1002/jbmr.534");

    /// <summary>NHANES III femoral reference data (Looker et al. 1998).</summary>
    public static Citation Looker1998 { get; } = new(
        "Looker AC et al. Updated data on proximal femur bone mineral density levels of US adults. Osteoporos Int 8:468–489 (1998)",
        Doi: "10.1007/s001980050093",
        Note: "femoral neck 0.858 g/cm², SD 0.120 for NHANES III non-Hispanic white women 20–29 are the widely quoted values (model-reference §7.1 [MEMORY]); not yet checked against the paper's tables");

    /// <summary>NHANES age trajectories of hip BMD used for the men's peak and loss target.</summary>
    public static Citation Nhanes2026 { get; } = new(
        "Varatharajan et al., Front Endocrinol 17:1748490 (2026), Table 3 'NHANES reference values' (model-reference §7.2)");

    /// <summary>Farr et al. 2017: senescent-cell clearance in old mice lowers resorption.</summary>
    public static Citation Farr2017 { get; } = new(
        "Farr JN et al. Targeting cellular senescence prevents age-related bone loss in mice. Nat Med 23:1072–1079 (2017)",
        Doi: "10.1038/nm.4385");

    /// <summary>Farr et al. 2024: intermittent dasatinib + quercetin in postmenopausal women (validation, not fitted).</summary>
    public static Citation Farr2024 { get; } = new(
        "Farr JN et al. Effects of intermittent senolytic therapy on bone metabolism in postmenopausal women: a phase 2 randomized controlled trial. Nat Med (2024); NCT04313634",
        Doi: "10.1038/s41591-024-03096-2");

    /// <summary>Martínez-Reina &amp; Pivonka 2019: denosumab PK/PD in the Pivonka/Scheiner bone model (model-reference §2.7).</summary>
    public static Citation MartinezReina2019 { get; } = new(
        "Martínez-Reina J, Pivonka P. Effects of long-term treatment of denosumab on bone mineral density: insights from an in-silico model of bone mineralization. Bone 125:87–95 (2019)",
        Doi: "10.1016/j.bone.2019.04.022", CodePath: "cmodiz/Bone-Models bone_models/bone_cell_population_models/parameters/martinez_reina_parameters.py");

    /// <summary>Alendronate pharmacokinetics as commonly quoted (product label; Lin 1996): recalled values, not checked against the sources.</summary>
    public static Citation AlendronatePk { get; } = new(
        "Alendronate pharmacokinetics as quoted in the FOSAMAX (alendronate sodium) prescribing information and Lin JH, Bone 18:75–85 (1996) [MEMORY]",
        Doi: "10.1016/8756-3282(95)00445-9");

    /// <summary>Lei et al. 2021: vesicles from young (umbilical-cord) MSCs deposit PCNA and rejuvenate aged BMSCs (source review ref. 42).</summary>
    public static Citation Lei2021 { get; } = new(
        "Lei Q, Gao F, Liu T, Ren W, Chen L, Cao Y et al. Extracellular vesicles deposit PCNA to rejuvenate aged bone marrow-derived mesenchymal stem cells and slow age-related degeneration. Sci Transl Med 13:eaaz8697 (2021)",
        Doi: "10.1126/scitranslmed.aaz8697");

    /// <summary>The project's model reference (§ numbers in the citation notes).</summary>
    public static Citation ModelReference { get; } = new("OsteoOde model reference (model-reference.md), §10 proposal for the coupled model");

    /// <summary>The project's calibration of the lifetime model (frozen defaults; seeds/aging-calibration.md, prototype in seeds/aging-prototype/).</summary>
    public static Citation Calibration { get; } = new(
        "OsteoOde lifetime-model calibration: weighted least squares on 6 data targets and 2 stated priors (seeds/aging-calibration.md; prototype seeds/aging-prototype/aging.py)");

    /// <summary>A model-reference section as a citation.</summary>
    /// <param name="section">Section, for example "§10.3".</param>
    /// <param name="note">What is taken from it.</param>
    /// <returns>The citation.</returns>
    public static Citation Reference(string section, string note) => ModelReference with { Text = $"OsteoOde model reference {section}", Note = note };

    /// <summary>A calibrated value with its target.</summary>
    /// <param name="target">The calibration target that fixes it.</param>
    /// <returns>The citation.</returns>
    public static Citation Calibrated(string target) => Calibration with { Note = target };
}
