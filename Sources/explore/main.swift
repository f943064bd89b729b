import ExploreCommands

await Explore.runMain()
