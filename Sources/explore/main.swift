import ExploreCommands

await Explore.main()
