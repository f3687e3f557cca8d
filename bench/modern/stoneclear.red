;redcode-94nop
;name Five Lanes
;author drq bench (hand-written)
;strategy A mod-5 stone with two processes, its code within four cells of its pointer so that a
;strategy full pass never hits it; then an SPL-fed clear that skips its own seven cells forever.
;assert CORESIZE == 8000
step    equ     2315
sbomb   dat.f   >5, >5
cbomb   dat.f   #0, #7
cptr    dat.f   #0, #7
stone   mov.i   sbomb, @ptr
ptr     add.ab  #step, #step
        djn.b   stone, #1599
clear   spl.b   #0, 0
cl      mov.i   cbomb, >cptr
        djn.f   cl, >cptr
        end     stone
