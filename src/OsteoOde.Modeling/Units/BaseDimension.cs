namespace OsteoOde.Modeling;

/// <summary>
/// Base dimensions of the unit system. Counting dimensions (cells, vesicles/items) are kept separate from amount of substance
/// so that "cells/mL" and "pM" can never be mixed by accident.
/// </summary>
public enum BaseDimension
{
    /// <summary>Amount of substance; coherent unit mol.</summary>
    Amount = 0,

    /// <summary>Length; coherent unit m.</summary>
    Length = 1,

    /// <summary>Mass; coherent unit kg.</summary>
    Mass = 2,

    /// <summary>Time; coherent unit s.</summary>
    Time = 3,

    /// <summary>Number of cells; coherent unit cell.</summary>
    Cells = 4,

    /// <summary>Number of countable items such as extracellular vesicles; coherent unit item.</summary>
    Items = 5,
}
