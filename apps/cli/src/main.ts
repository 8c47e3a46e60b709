console.log("trackwatch: not yet");
